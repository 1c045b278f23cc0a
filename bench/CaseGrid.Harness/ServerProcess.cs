using System.Diagnostics;

namespace CaseGrid.Harness;

/// <summary>
/// One server the harness runs as a separate process (a CaseGrid silo host, an API host, the bare hub, the peer):
/// started with its environment, output appended to a log file, its pid known for /proc, signals and kills.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly ProcessStartInfo _start;
    private Process? _process;

    public ServerProcess(string name, string workingDirectory, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile, string healthUrl)
    {
        Name = name;
        LogFile = logFile;
        HealthUrl = healthUrl;
        // sh execs the program, so the pid is the server's own and its output goes straight to the log.
        _start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        _start.ArgumentList.Add("-c");
        _start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$HARNESS_LOG\" 2>&1 </dev/null");
        _start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            _start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            _start.Environment[key] = value;
        }

        _start.Environment["HARNESS_LOG"] = logFile;
    }

    public string Name { get; }

    public string LogFile { get; }

    public string HealthUrl { get; }

    public int Pid => _process?.Id ?? 0;

    public bool Running => _process is { HasExited: false };

    /// <summary>Start the process and wait until its health URL answers 200.</summary>
    public async Task<TimeSpan> StartAsync(TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        await File.AppendAllTextAsync(LogFile, $"\n===== {DateTimeOffset.UtcNow:O} harness starts {Name}\n");
        var clock = Stopwatch.StartNew();
        _process = Process.Start(_start) ?? throw new InvalidOperationException($"{Name} did not start");
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} during start-up; its log: {LogFile}\n{Tail()}");
            }

            try
            {
                using var response = await Http.GetAsync(HealthUrl);
                if (response.IsSuccessStatusCode)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} was not healthy at {HealthUrl} within {timeout.TotalSeconds:F0} s; its log: {LogFile}\n{Tail()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: the process dies at once, nothing flushed, nothing said goodbye to.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            Native.Signal(p.Id, Native.SigKill);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is not { HasExited: false } p)
        {
            return;
        }

        Native.Signal(p.Id, Native.SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await p.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(TimeSpan.FromSeconds(15)));

    private string Tail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(30));
        }
        catch (IOException)
        {
            return "";
        }
    }
}
