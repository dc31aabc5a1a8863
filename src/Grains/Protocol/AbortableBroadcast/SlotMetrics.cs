namespace OrleansGossip.Grains.Protocol.AbortableBroadcast;

/// <summary>The names of Abortable Broadcast's counters, after the IC replica's own.</summary>
public static class SlotMetrics
{
    public const string Updates = "slot_table_updates";
    public const string Stale = "slot_table_stale";
    public const string Overwrite = "slot_table_overwrite";
    public const string LimitExceeded = "slot_table_limit_exceeded";
    public const string AssembleStarted = "assemble_task_started";
    public const string AssembleAborted = "assemble_task_aborted";
    public const string AssembleTimeouts = "assemble_task_timeouts";
    public const string ResendReconnect = "send_view_resend_reconnect";
    public const string SendRetries = "send_view_send_retries";
    public const string Aborted = "send_view_aborted";
    public const string Pushed = "pushed_artifacts";
    public const string PushDropped = "pushed_artifacts_dropped";

    public static IReadOnlyList<string> All { get; } =
        [Updates, Stale, Overwrite, LimitExceeded, AssembleStarted, AssembleAborted, AssembleTimeouts, ResendReconnect, SendRetries, Aborted, Pushed, PushDropped];
}
