using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace CaseGrid.Domain.Work;

/// <summary>
/// Searching people by name as a caseworker types it: any part of the name, in any case, with or without accents —
/// "sorensen" finds "Sørensen", "ase" finds "Åse", "bjorn" finds "Bjørn" and "Björn". The hosts run without ICU
/// (invariant globalization), so the letters are folded from a table of their own rather than by Unicode normalisation.
/// </summary>
public static class NameSearch
{
    private static readonly FrozenDictionary<char, string> Letters = new (string Plain, string Marked)[]
    {
        ("a", "ÀÁÂÃÄÅàáâãäåĀāĂăĄą"), ("ae", "Ææ"), ("c", "ÇçĆćĈĉĊċČč"), ("d", "ÐðĎďĐđ"), ("e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚě"),
        ("g", "ĜĝĞğĠġĢģ"), ("h", "ĤĥĦħ"), ("i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİı"), ("ij", "Ĳĳ"), ("j", "Ĵĵ"), ("k", "Ķķĸ"), ("l", "ĹĺĻļĽľĿŀŁł"),
        ("n", "ÑñŃńŅņŇňŉŊŋ"), ("o", "ÒÓÔÕÖØòóôõöøŌōŎŏŐő"), ("oe", "Œœ"), ("r", "ŔŕŖŗŘř"), ("s", "ŚśŜŝŞşŠšſ"), ("ss", "ß"),
        ("t", "ŢţŤťŦŧ"), ("th", "Þþ"), ("u", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų"), ("w", "Ŵŵ"), ("y", "ÝýÿŶŷŸ"), ("z", "ŹźŻżŽž"),
    }.SelectMany(p => p.Marked.Select(c => (c, p.Plain))).ToFrozenDictionary(p => p.c, p => p.Plain);

    /// <summary>True when <paramref name="query"/> (folded) occurs in <paramref name="name"/> (folded); an empty query matches every name.</summary>
    public static bool Matches(string? name, string? query)
    {
        var q = Fold(query);
        return q.Length == 0 || Fold(name).Contains(q, StringComparison.Ordinal);
    }

    /// <summary>
    /// The text in lower case without accents or diacritics, with the letters that have none to drop spelled as they are
    /// typed without them (ø → o, æ → ae, ß → ss), and runs of white space as one space.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var folded = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // A combining accent typed as its own character.
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                folded.Append(' ');
                space = false;
            }

            if (Letters.TryGetValue(c, out var plain))
            {
                folded.Append(plain);
            }
            else
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString();
    }
}
