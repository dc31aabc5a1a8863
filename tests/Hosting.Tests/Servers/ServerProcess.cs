using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansGossip.Hosting.Tests.Servers;

/// <summary>
/// A server the tests start themselves (Redis, PostgreSQL, Azurite), on loopback, with its output kept for failure
/// messages; disposing it kills it and everything it started.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ServerProcess Start(string name, string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, name);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name}: '{fileName}' did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until the server accepts TCP connections on loopback <paramref name="port"/>.</summary>
    public Task WaitForPortAsync(int port, TimeSpan timeout) =>
        WaitUntilAsync(() => AcceptsAsync(port), $"listen on port {port}", timeout);

    /// <summary>Waits until what the server has printed so far satisfies <paramref name="printed"/> (<paramref name="what"/>, for the failure message).</summary>
    public Task WaitForOutputAsync(Func<string, bool> printed, string what, TimeSpan timeout) =>
        WaitUntilAsync(() => Task.FromResult(printed(Output)), $"print {what}", timeout);

    /// <summary>
    /// Sends the server SIGTERM, as a service manager or Kubernetes does to stop it. (SIGINT, Ctrl+C, takes the same
    /// path in a .NET program, but a program started in the background by a shell without job control inherits SIGINT
    /// ignored, and .NET leaves it so, as CI runs its jobs.)
    /// </summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"{Name}: SIGTERM could not be sent (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    /// <summary>Waits until the server has exited and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:F0} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the server at once, with whatever it started.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="done"/> until it holds; fails, with the server's output, if the server exits or time runs out first.</summary>
    private async Task WaitUntilAsync(Func<Task<bool>> done, string what, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it would {what}:\n{Output}");
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} did not {what} within {timeout.TotalSeconds:F0} s:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the tail only: a chatty server must not grow the test's memory without bound.
            if (_output.Length > 200_000)
            {
                _output.Remove(0, 100_000);
            }

            _output.AppendLine(line);
        }
    }
}
