using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Matrix.Receipts.AspNetCore.Tests;

/// <summary>HTTP/1.1 over a plain socket, for requests HttpClient would refuse or rewrite (odd targets, lying headers).</summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (request line and headers, without the blank line) and <paramref name="body"/>; returns the status and body.</summary>
    public static async Task<(int Status, string Headers, string Body)> SendAsync(int port, string head, byte[]? body = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        NetworkStream stream = client.GetStream();
        byte[] headBytes = Encoding.Latin1.GetBytes(head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(headBytes);
        if (body is not null)
        {
            try
            {
                await stream.WriteAsync(body);
            }
            catch (IOException)
            {
                // The server may answer and close before reading everything (an announced oversized body).
            }
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var received = new MemoryStream();
        byte[] buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (IsComplete(received))
                {
                    break;
                }
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer was sent.
        }

        string text = Encoding.UTF8.GetString(received.ToArray());
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string headers = split < 0 ? text : text[..split];
        string responseBody = split < 0 ? string.Empty : text[(split + 4)..];
        string[] statusLine = headers.Split("\r\n")[0].Split(' ');
        return (statusLine.Length > 1 && int.TryParse(statusLine[1], out int status) ? status : 0, headers, responseBody);
    }

    /// <summary>Whether the response in <paramref name="received"/> is complete by its Content-Length (so a kept-open connection does not stall the test).</summary>
    private static bool IsComplete(MemoryStream received)
    {
        string text = Encoding.Latin1.GetString(received.GetBuffer(), 0, (int)received.Length);
        int split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        foreach (string line in text[..split].Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.TryParse(line["Content-Length:".Length..].Trim(), out int length) && text.Length - split - 4 >= length;
            }
        }

        return false;
    }
}
