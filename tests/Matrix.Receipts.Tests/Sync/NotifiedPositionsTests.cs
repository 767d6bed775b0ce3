using Microsoft.Extensions.Time.Testing;

namespace Matrix.Receipts.Tests.Sync;

[TestFixture]
public sealed class NotifiedPositionsTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(5);

    private FakeTimeProvider _time = null!;
    private NotifiedPositions _positions = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider();
        _positions = new NotifiedPositions(_time, Tolerance);
        _positions.Start(10);
    }

    [Test]
    public void In_order_notifications_move_the_watermark()
    {
        _positions.Add(11);
        _positions.Add(12);

        _positions.Covers(12).Should().BeTrue();
        _positions.Covers(13).Should().BeFalse();
    }

    [Test]
    public void Position_arriving_ahead_of_a_missing_one_does_not_move_the_watermark_until_the_gap_fills()
    {
        _positions.Add(12);

        _positions.Covers(12).Should().BeFalse();
        _positions.Watermark.Should().Be(10);

        _positions.Add(11);

        _positions.Watermark.Should().Be(12);
    }

    [Test]
    public void Repeated_and_pre_start_notifications_change_nothing()
    {
        _positions.Add(11);
        _positions.Add(11);
        _positions.Add(3);

        _positions.Watermark.Should().Be(11);
    }

    [Test]
    public void Notifications_before_the_start_are_kept_when_they_are_past_it()
    {
        var positions = new NotifiedPositions(_time, Tolerance);
        positions.Add(5);
        positions.Add(6);

        positions.Start(5);

        positions.Watermark.Should().Be(6);
    }

    [Test]
    public void Gap_is_given_up_once_a_later_position_has_been_known_for_the_tolerance()
    {
        _positions.Add(12);
        _time.Advance(Tolerance - TimeSpan.FromMilliseconds(1));
        _positions.Add(14);
        _positions.Covers(12).Should().BeFalse();

        _time.Advance(TimeSpan.FromMilliseconds(1));

        _positions.Covers(12).Should().BeTrue();
        _positions.Covers(14).Should().BeFalse("position 13 has only just become the gap before 14");
        _time.Advance(Tolerance);
        _positions.Covers(14).Should().BeTrue();
    }

    [Test]
    public void Unnotified_tail_is_never_given_up()
    {
        _positions.Add(11);
        _time.Advance(TimeSpan.FromHours(1));

        _positions.Covers(12).Should().BeFalse();
    }
}
