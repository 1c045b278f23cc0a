namespace CaseGrid.Contracts.Indicators;

/// <summary>A share with its counts, so a reader sees how many cases stand behind a percentage.</summary>
/// <param name="Count">How many met the condition.</param>
/// <param name="Of">Out of how many.</param>
[GenerateSerializer, Immutable, Alias("casegrid.Ratio")]
public sealed record Ratio(int Count, int Of)
{
    /// <summary>The share between 0 and 1, or null when there is nothing to count.</summary>
    public double? Share => Of == 0 ? null : (double)Count / Of;
}
