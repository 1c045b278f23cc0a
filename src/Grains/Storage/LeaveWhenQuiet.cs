namespace CaseGrid.Grains.Storage;

/// <summary>
/// Lets a grain that others only feed leave memory once it has heard nothing for a while, not at once after each
/// message: a burst of messages would otherwise make an activation per message, and a message that reaches an
/// activation on its way out is forwarded to the next one, which would be leaving too, until Orleans refuses it. The
/// timer does not keep the activation alive, so Orleans may still collect it sooner.
/// </summary>
internal sealed class LeaveWhenQuiet(IGrainBase grain, Func<bool> mayLeave)
{
    private IGrainTimer? _timer;

    /// <summary>A message came: leave <paramref name="quiet"/> after it, if none follows and the grain may leave then.</summary>
    public void Heard(TimeSpan quiet)
    {
        if (_timer is null)
        {
            _timer = grain.RegisterGrainTimer(() =>
            {
                if (mayLeave())
                {
                    grain.DeactivateOnIdle();
                }

                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(quiet, Timeout.InfiniteTimeSpan) { KeepAlive = false });
        }
        else
        {
            _timer.Change(quiet, Timeout.InfiniteTimeSpan);
        }
    }
}
