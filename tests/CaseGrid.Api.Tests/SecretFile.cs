namespace CaseGrid.Api.Tests;

// CaseGrid runs and is tested on Linux (file modes keep the keys to their owner).
#pragma warning disable CA1416

/// <summary>A file only this user may read, in a temporary folder: how CaseGrid wants its master key (git keeps no file modes).</summary>
public static class SecretFile
{
    /// <summary>Write <paramref name="text"/> to a new 0600 file named after <paramref name="name"/>; its path.</summary>
    public static string Write(string name, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"casegrid-{Guid.NewGuid():N}-{name}");
        using (File.Create(path))
        {
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, text);
        return path;
    }
}
