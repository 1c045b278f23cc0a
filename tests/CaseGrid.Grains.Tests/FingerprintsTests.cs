using CaseGrid.Contracts.Cases;
using CaseGrid.Contracts.Units;
using CaseGrid.Grains.Cases;

namespace CaseGrid.Grains.Tests;

/// <summary>A board line's fingerprint sees every field of the line but its case version.</summary>
public sealed class FingerprintsTests
{
    private static readonly UnitCaseEntry Line = new(
        "case-1", "Ola Nordmann", CasePhase.Serving, UnitCaseRelation.Current, new DateOnly(2027, 3, 1), 1, 40,
        Contracts.Time.ReadinessColour.Amber, 2, new DateOnly(2027, 1, 10), "Kartleggingssamtale", 3, null, null, "prison-bergen", 0, null);

    public static TheoryData<string> Fields => [.. typeof(UnitCaseEntry).GetProperties().Where(p => p.CanWrite && p.Name != "EqualityContract").Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Fields))]
    public void EachField_ChangesTheFingerprint_ButTheCaseVersion(string field)
    {
        var property = typeof(UnitCaseEntry).GetProperty(field)!;
        var changed = Line with { };
        property.SetValue(changed, Other(property.PropertyType, property.GetValue(Line)));

        Assert.NotEqual(Line, changed);
        if (field == nameof(UnitCaseEntry.CaseVersion))
        {
            Assert.Equal(Fingerprints.Line(Line), Fingerprints.Line(changed));
        }
        else
        {
            Assert.NotEqual(Fingerprints.Line(Line), Fingerprints.Line(changed));
        }
    }

    [Fact]
    public void EqualLines_HaveEqualFingerprints_AndNoneDiffersFromEmpty()
    {
        Assert.Equal(Fingerprints.Line(Line), Fingerprints.Line(Line with { AnswerDue = null }));
        Assert.NotEqual(Fingerprints.Text(null), Fingerprints.Text(""));
        Assert.Equal(Fingerprints.Text("a,b"), Fingerprints.Text(string.Join(',', "a", "b")));
    }

    // A value of the field's type other than the one held (for nullable fields: null for a value, a value for null).
    private static object? Other(Type type, object? held)
    {
        var inner = Nullable.GetUnderlyingType(type);
        if (inner is not null && held is not null)
        {
            return null;
        }

        var t = inner ?? type;
        return t switch
        {
            _ when t == typeof(string) => held is null ? "x" : held + "x",
            _ when t == typeof(int) => (int)(held ?? 0) + 1,
            _ when t == typeof(long) => (long)(held ?? 0L) + 1,
            _ when t == typeof(DateOnly) => new DateOnly(2030, 1, 1),
            _ when t.IsEnum => Enum.GetValues(t).Cast<object>().First(v => !v.Equals(held)),
            _ => throw new InvalidOperationException($"A field of type {type.Name}: teach the test and the fingerprint about it."),
        };
    }
}
