using System.Security.Cryptography;
using System.Text;
using CaseGrid.Contracts.Work;
using MimeKit;

namespace CaseGrid.Api.Mail;

/// <summary>
/// Writes work-list mail. Mail leaves CaseGrid, so it says only what kind of thing needs the reader and where to open
/// CaseGrid: never a name, a case, plan text or health details. Bokmål first, English after.
/// </summary>
public static class MailComposer
{
    /// <summary>The kind of item in Norwegian (bokmål) and English.</summary>
    public static (string Nb, string En) KindName(WorkItemKind kind) => kind switch
    {
        WorkItemKind.HandoverOffered => ("Overlevering tilbudt", "Handover offered"),
        WorkItemKind.ProposalToAnswer => ("Innspill som venter på svar", "Proposal awaiting an answer"),
        WorkItemKind.DeadlineDue => ("Frist nærmer seg", "Deadline coming up"),
        WorkItemKind.DeadlineMissed => ("Frist passert", "Deadline missed"),
        WorkItemKind.Escalation => ("Eskalering til leder", "Escalation to a leader"),
        WorkItemKind.KeyDatesChanged => ("Nøkkeldatoer endret", "Key dates changed"),
        WorkItemKind.ReleaseMovedEarlier => ("Løslatelse flyttet fram", "Release moved earlier"),
        WorkItemKind.OwnerLeftUnit => ("Ansvarlig har sluttet ved enheten", "Owner left the unit"),
        WorkItemKind.ConsentToConfirm => ("Samtykke å bekrefte", "Consent to confirm"),
        _ => ("Oppgave i CaseGrid", "Task in CaseGrid"),
    };

    /// <summary>The mail for <paramref name="mail"/>: one kind at once, or a digest of kinds with how many of each.</summary>
    public static MimeMessage Compose(OutgoingMail mail, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(options);
        var link = options.PublicUrl.TrimEnd('/') + "/#/";
        var total = mail.Counts.Sum();
        var digest = mail.Key.StartsWith("digest:", StringComparison.Ordinal);
        var lines = mail.Kinds.Zip(mail.Counts).Select(p => (Name: KindName(p.First), Count: p.Second)).ToList();

        string subject;
        var body = new StringBuilder();
        if (!digest && lines.Count == 1)
        {
            var (nb, en) = lines[0].Name;
            subject = $"CaseGrid: {nb}";
            body.AppendLine("Hei,").AppendLine()
                .AppendLine($"Noe i CaseGrid trenger deg nå: {nb}.").AppendLine()
                .AppendLine($"Åpne CaseGrid for å se hva det gjelder: {link}").AppendLine()
                .AppendLine("E-posten sier bare hva slags oppgave det er, ikke hvem den gjelder.")
                .AppendLine("Du kan velge bort slike e-poster under Varsler i CaseGrid.").AppendLine()
                .AppendLine("--").AppendLine()
                .AppendLine($"Something in CaseGrid needs you now: {en}. Open CaseGrid to see what: {link}");
        }
        else
        {
            subject = total == 1 ? "CaseGrid: 1 ny oppgave" : $"CaseGrid: {total} nye oppgaver";
            body.AppendLine("Hei,").AppendLine()
                .AppendLine("Siden forrige oversikt har dette kommet til i CaseGrid og venter på deg:").AppendLine();
            foreach (var (name, count) in lines)
            {
                body.AppendLine($"  {count} × {name.Nb}");
            }

            body.AppendLine()
                .AppendLine($"Åpne CaseGrid for å se hva det gjelder: {link}").AppendLine()
                .AppendLine("E-posten sier bare hva slags oppgaver det er, ikke hvem de gjelder.")
                .AppendLine("Du kan velge bort slike e-poster under Varsler i CaseGrid.").AppendLine()
                .AppendLine("--").AppendLine()
                .AppendLine($"New in CaseGrid since the last digest: {string.Join(", ", lines.Select(l => $"{l.Count} × {l.Name.En}"))}. Open CaseGrid: {link}");
        }

        var message = new MimeMessage
        {
            Subject = subject,
            Body = new TextPart("plain") { Text = body.ToString() },
            MessageId = MessageId(mail.Key),
        };
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(mail.Address));
        return message;
    }

    /// <summary>The same id for every attempt at one mail, so a mail sent twice (a host died between sending and recording it) is seen as one.</summary>
    public static string MessageId(string key) =>
        $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}@casegrid";
}
