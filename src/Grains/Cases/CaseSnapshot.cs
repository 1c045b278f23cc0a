using System.Collections.Immutable;
using CaseGrid.Contracts.Cases;

namespace CaseGrid.Grains.Cases;

/// <summary>
/// What a case grain resumes from instead of folding its whole log: the folded state, and the command memory the fold
/// of the same events would have left (so a command sent again is still answered without a look in the log).
/// </summary>
/// <param name="State">The case at its version.</param>
/// <param name="Commands">The commands held, oldest first.</param>
/// <param name="CommandsForgetful">Whether older commands were let go (one not held may still be in the log).</param>
[GenerateSerializer, Immutable, Alias("casegrid.CaseSnapshot")]
internal sealed record CaseSnapshot(CaseState State, ImmutableArray<RememberedCommand> Commands, bool CommandsForgetful);
