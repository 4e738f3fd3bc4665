namespace CloudDesignPatterns.Sandbox.Faults
{
    /// <summary>
    /// Faults the sandbox injects into EC2 and STS calls (instance metadata only has its outage switch).
    /// A plain data object: the server copies it on <c>SetFaults</c> and keeps the live counters itself, so callers
    /// can build, serialize and reuse it freely. <c>GetFaults</c> returns a snapshot with the remaining counts.
    /// </summary>
    public sealed class FaultSettings
    {
        /// <summary>Token-bucket throttling; null = no throttling.</summary>
        public ThrottleFault? Throttle { get; set; }
        /// <summary>5xx answers on the next N matching calls; null = none.</summary>
        public ServerErrorFault? ServerErrors { get; set; }
        /// <summary>Dropped connections on the next N matching calls; null = none.</summary>
        public DropFault? Drops { get; set; }
        /// <summary>Delay added to every EC2/STS call before it is answered.</summary>
        public int LatencyMs { get; set; }
        /// <summary>Instance metadata outage: every IMDS request fails as <see cref="ImdsOutageMode"/> says.</summary>
        public bool ImdsDown { get; set; }
        public ImdsOutageMode ImdsOutageMode { get; set; } = ImdsOutageMode.DropConnection;

        public FaultSettings Clone() => new FaultSettings
        {
            Throttle = Throttle?.Clone(),
            ServerErrors = ServerErrors?.Clone(),
            Drops = Drops?.Clone(),
            LatencyMs = LatencyMs,
            ImdsDown = ImdsDown,
            ImdsOutageMode = ImdsOutageMode,
        };
    }

    public enum ThrottleScope
    {
        /// <summary>Only actions that change something (not Describe*/Get*/List*) take tokens.</summary>
        Mutating,
        All,
    }

    public sealed class ThrottleFault
    {
        /// <summary>Bucket size: how many calls may go through back to back.</summary>
        public int Burst { get; set; } = 10;
        public double RefillPerSecond { get; set; } = 1;
        public ThrottleScope Scope { get; set; } = ThrottleScope.All;
        public ThrottleFault Clone() => (ThrottleFault)MemberwiseClone();
    }

    public sealed class ServerErrorFault
    {
        public int Count { get; set; } = 1;
        /// <summary>Only calls of this action count; null = any action.</summary>
        public string? Action { get; set; }
        /// <summary>500 answers InternalError, 503 answers Unavailable.</summary>
        public int StatusCode { get; set; } = 500;
        /// <summary>
        /// BeforeExecute: the action does not run (the default). AfterExecute: the action takes effect, then the answer
        /// is the 5xx anyway, as EC2 documents can happen: a 5xx never proves that a create did not happen.
        /// </summary>
        public DropMode Mode { get; set; } = DropMode.BeforeExecute;
        public ServerErrorFault Clone() => (ServerErrorFault)MemberwiseClone();
    }

    public enum DropMode
    {
        /// <summary>The connection closes before the action runs: nothing happened.</summary>
        BeforeExecute,
        /// <summary>The action takes effect, then the connection closes: the caller cannot tell whether it worked.</summary>
        AfterExecute,
    }

    public sealed class DropFault
    {
        public int Count { get; set; } = 1;
        /// <summary>Only calls of this action count; null = any action.</summary>
        public string? Action { get; set; }
        public DropMode Mode { get; set; } = DropMode.BeforeExecute;
        public DropFault Clone() => (DropFault)MemberwiseClone();
    }

    public enum ImdsOutageMode
    {
        DropConnection,
        ServiceUnavailable,
    }
}
