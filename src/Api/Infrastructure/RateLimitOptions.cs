using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Api.Infrastructure;

/// <summary>Per-caller request limits: a misbehaving partner system slows itself, not everyone else.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:RateLimits";

    /// <summary>Requests a caller (a user, or a partner system) may make per window.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerWindow { get; set; } = 1200;

    /// <summary>The window, in seconds.</summary>
    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}
