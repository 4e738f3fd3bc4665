using System;

namespace CloudDesignPatterns.Sandbox.Faults
{
    /// <summary>What the pipeline must do to one call, decided before it runs.</summary>
    internal sealed class FaultDecision
    {
        public static readonly FaultDecision None = new FaultDecision(0, false, 0, null);

        public FaultDecision(int latencyMs, bool throttled, int serverErrorStatus, DropMode? drop, bool serverErrorAfterExecute = false)
        {
            LatencyMs = latencyMs; Throttled = throttled; ServerErrorStatus = serverErrorStatus; Drop = drop;
            ServerErrorAfterExecute = serverErrorAfterExecute;
        }

        /// <summary>The injected server error is answered after the action ran (it took effect).</summary>
        public bool ServerErrorAfterExecute { get; }

        public int LatencyMs { get; }
        public bool Throttled { get; }
        /// <summary>0 = no injected server error.</summary>
        public int ServerErrorStatus { get; }
        public DropMode? Drop { get; }
    }

    /// <summary>
    /// Holds the active <see cref="FaultSettings"/> and their live state (bucket, remaining counts) behind one lock,
    /// and decides per call which faults fire. At most one of throttle / server error / drop fires per call, in that order.
    /// </summary>
    internal sealed class FaultInjector
    {
        private readonly object _gate = new object();
        private readonly ISandboxClock _clock;
        private FaultSettings _settings = new FaultSettings();
        private TokenBucket? _bucket;

        public FaultInjector(ISandboxClock clock) => _clock = clock;

        public FaultSettings Get()
        {
            lock (_gate) return _settings.Clone();
        }

        public void Set(FaultSettings settings)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            lock (_gate)
            {
                _settings = settings.Clone();
                _bucket = _settings.Throttle == null ? null
                    : new TokenBucket(_settings.Throttle.Burst, _settings.Throttle.RefillPerSecond, _clock.UtcNow);
            }
        }

        public void Clear() => Set(new FaultSettings());

        public bool ImdsDown(out ImdsOutageMode mode)
        {
            lock (_gate)
            {
                mode = _settings.ImdsOutageMode;
                return _settings.ImdsDown;
            }
        }

        public FaultDecision Decide(string action)
        {
            lock (_gate)
            {
                var s = _settings;
                var latency = Math.Max(0, s.LatencyMs);

                if (s.Throttle != null && _bucket != null && (s.Throttle.Scope == ThrottleScope.All || IsMutating(action))
                    && !_bucket.TryTake(_clock.UtcNow))
                    return new FaultDecision(latency, true, 0, null);

                if (s.ServerErrors != null && s.ServerErrors.Count > 0 && Matches(s.ServerErrors.Action, action))
                {
                    s.ServerErrors.Count--;
                    return new FaultDecision(latency, false, s.ServerErrors.StatusCode == 503 ? 503 : 500, null,
                        s.ServerErrors.Mode == DropMode.AfterExecute);
                }

                if (s.Drops != null && s.Drops.Count > 0 && Matches(s.Drops.Action, action))
                {
                    s.Drops.Count--;
                    return new FaultDecision(latency, false, 0, s.Drops.Mode);
                }

                return latency == 0 ? FaultDecision.None : new FaultDecision(latency, false, 0, null);
            }
        }

        /// <summary>AWS throttles mutating calls separately; reads are Describe*, Get* and List*.</summary>
        public static bool IsMutating(string action) =>
            !(action.StartsWith("Describe", StringComparison.Ordinal)
              || action.StartsWith("Get", StringComparison.Ordinal)
              || action.StartsWith("List", StringComparison.Ordinal));

        private static bool Matches(string? filter, string action) =>
            string.IsNullOrEmpty(filter) || string.Equals(filter, action, StringComparison.OrdinalIgnoreCase);
    }
}
