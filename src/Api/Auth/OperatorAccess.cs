namespace CaseGrid.Api.Auth;

/// <summary>Who may see how the cluster runs (the Orleans dashboard): holders of the <see cref="Role"/> role claim.</summary>
public static class OperatorAccess
{
    /// <summary>The role claim value of CaseGrid's operators.</summary>
    public const string Role = "operator";

    /// <summary>The authorisation policy that requires <see cref="Role"/>.</summary>
    public const string Policy = "casegrid-operator";
}
