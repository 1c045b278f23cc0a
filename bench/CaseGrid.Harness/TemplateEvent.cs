namespace CaseGrid.Harness;

/// <summary>One event of a template case, opened: what <see cref="SealedCopies"/> copies.</summary>
internal sealed record TemplateEvent(long Version, string Type, string Json, string Actor, string? Client, DateTimeOffset At, string? CommandId = null, string? CommandHash = null);
