namespace CaseGrid.Harness;

/// <summary>What a fan-out scenario measured on one system.</summary>
internal sealed record FanoutResult(
    string System,
    FanoutPlan Plan,
    TimeSpan Measured,
    int EditsAcknowledged,
    long DeliveriesExpected,
    int Deliveries,
    Latency AckToDelivery,
    Latency SendToDelivery,
    Latency SendToAck,
    int BeforeAck,
    IReadOnlyDictionary<string, int> Errors,
    ResourceUse Resources)
{
    public double EditsPerSecond => EditsAcknowledged / Measured.TotalSeconds;

    public double DeliveriesPerSecond => Deliveries / Measured.TotalSeconds;
}
