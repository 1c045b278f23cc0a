using System.ComponentModel.DataAnnotations;

namespace CaseGrid.Grains.Work;

/// <summary>How work lists look ahead and when the daily digest goes out (section <c>CaseGrid:Work</c>).</summary>
public sealed class WorkOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "CaseGrid:Work";

    /// <summary>A deadline shows in its owner's list from this many days before it is due.</summary>
    [Range(0, 90)]
    public int DueWindowDays { get; set; } = 7;

    /// <summary>A proposal is to be answered within this many working days.</summary>
    [Range(1, 60)]
    public int ProposalAnswerWorkingDays { get; set; } = 5;

    /// <summary>The hour of the day (Norwegian time) the daily digest of new items is mailed.</summary>
    [Range(0, 23)]
    public int DigestHour { get; set; } = 7;

    /// <summary>
    /// A list that only cases feed and nobody watches leaves memory after this many seconds without a message (a burst of
    /// updates is taken by one activation, not one each).
    /// </summary>
    [Range(1, 3600)]
    public int UnusedListSeconds { get; set; } = 30;

    /// <summary>The rules' settings (one instance, shared by every case on the silo).</summary>
    public WorkSettings Settings => _settings is { } s && s.DueWindowDays == DueWindowDays && s.ProposalAnswerWorkingDays == ProposalAnswerWorkingDays
        ? s
        : _settings = new(DueWindowDays, ProposalAnswerWorkingDays);

    private WorkSettings? _settings;
}
