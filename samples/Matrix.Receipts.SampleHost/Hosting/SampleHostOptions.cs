namespace Matrix.Receipts.SampleHost;

/// <summary>The command line of the sample host.</summary>
internal sealed record SampleHostOptions
{
    public const string DefaultUrl = "http://127.0.0.1:8008";

    /// <summary>The highest <c>--rate-limit</c>: the receipts module refuses a larger RateLimitPerSecond at start.</summary>
    public const int MaxRateLimitPerSecond = 1_000_000;

    public const string Usage = """
        usage: Matrix.Receipts.SampleHost [--urls URL] [--fixture FILE] [--store memory|sqlite|postgres]
                                          [--data-dir DIR] [--connection "Host=...;Username=...;Password=...;Database=..."]
                                          [--rate-limit N]
          --urls        where to listen (default http://127.0.0.1:8008; port 0 picks a free port)
          --fixture     the world (users, rooms, events) as JSON; the built-in demo world otherwise
          --store       memory, sqlite (default; receipts.db and world.jsonl in the data folder) or postgres (needs --connection)
          --data-dir    the data folder of the sqlite store (default: data in the working directory)
          --connection  the PostgreSQL connection string of the postgres store
          --rate-limit  receipts per second per user, 1 to 1000000 (429 M_LIMIT_EXCEEDED above); off by default
        """;

    public string Url { get; init; } = DefaultUrl;

    public string? FixturePath { get; init; }

    public StoreKind Store { get; init; } = StoreKind.Sqlite;

    public string DataDirectory { get; init; } = Path.Combine(Directory.GetCurrentDirectory(), "data");

    public string? ConnectionString { get; init; }

    public int? RateLimitPerSecond { get; init; }

    public bool ShowHelp { get; init; }

    /// <summary>Parses <paramref name="args"/>; on a bad argument returns <see langword="false"/> with a message naming it.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SampleHostOptions? options, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var result = new SampleHostOptions();
        options = null;
        bool dataDirGiven = false;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                options = result with { ShowHelp = true };
                error = null;
                return true;
            }

            if (name is not ("--urls" or "--fixture" or "--store" or "--data-dir" or "--connection" or "--rate-limit"))
            {
                error = $"unknown argument '{name}'";
                return false;
            }

            if (i + 1 >= args.Count || args[i + 1].Length == 0)
            {
                error = $"{name} needs a value";
                return false;
            }

            string value = args[++i];
            switch (name)
            {
                case "--urls":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
                    {
                        error = $"--urls '{value}' is not an http(s) URL";
                        return false;
                    }

                    result = result with { Url = value };
                    break;
                case "--fixture":
                    result = result with { FixturePath = value };
                    break;
                case "--store":
                    StoreKind? store = value switch
                    {
                        "memory" => StoreKind.Memory,
                        "sqlite" => StoreKind.Sqlite,
                        "postgres" => StoreKind.Postgres,
                        _ => null,
                    };
                    if (store is null)
                    {
                        error = $"--store '{value}' is not one of memory, sqlite, postgres";
                        return false;
                    }

                    result = result with { Store = store.Value };
                    break;
                case "--data-dir":
                    result = result with { DataDirectory = Path.GetFullPath(value) };
                    dataDirGiven = true;
                    break;
                case "--connection":
                    result = result with { ConnectionString = value };
                    break;
                default:
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int perSecond)
                        || perSecond is < 1 or > MaxRateLimitPerSecond)
                    {
                        error = $"--rate-limit '{value}' is not a whole number of requests per second from 1 to {MaxRateLimitPerSecond}";
                        return false;
                    }

                    result = result with { RateLimitPerSecond = perSecond };
                    break;
            }
        }

        if (result.Store == StoreKind.Postgres && result.ConnectionString is null)
        {
            error = "--store postgres needs --connection \"Host=...;Username=...;Password=...;Database=...\"";
            return false;
        }

        if (result.Store != StoreKind.Postgres && result.ConnectionString is not null)
        {
            error = "--connection is only used with --store postgres";
            return false;
        }

        if (result.Store != StoreKind.Sqlite && dataDirGiven)
        {
            error = "--data-dir is only used with --store sqlite";
            return false;
        }

        options = result;
        error = null;
        return true;
    }
}
