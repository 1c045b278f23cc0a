using System.Globalization;

namespace CaseGrid.Harness;

/// <summary>
/// A client process of its own (<c>CaseGrid.Harness member --urls A,B --case ID --tokens T1,T2,…</c>): members of one case
/// on the live hub, following the same catch-up rules, printing <c>V index version</c> whenever a member's last applied
/// version moves and <c>E text</c> for each error it meets — so the fault scenario can stop and continue it (SIGSTOP/SIGCONT).
/// </summary>
internal static class MemberProcess
{
    public static async Task RunAsync(string[] args)
    {
        string Arg(string name) => args[Array.IndexOf(args, name) + 1];
        var urls = Arg("--urls").Split(',');
        var caseId = Arg("--case");
        var tokens = Arg("--tokens").Split(',');
        var output = TextWriter.Synchronized(Console.Out);
        var members = new CaseGridMember[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            members[i] = new CaseGridMember(urls, i, tokens[i], caseId, (_, _) => { }, error => output.WriteLine($"E {error}"));
            await members[i].ConnectAsync();
        }

        output.WriteLine("READY");
        var last = new long[members.Length];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (await timer.WaitForNextTickAsync())
        {
            for (var i = 0; i < members.Length; i++)
            {
                members[i].CheckGap();
                if (members[i].LastVersion != last[i])
                {
                    last[i] = members[i].LastVersion;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"V {i} {last[i]}"));
                }
            }

            output.Flush();
        }
    }
}
