namespace CloudDesignPatterns.Engine.GameDay
{
    /// <summary>What a drill protects: the thing whose outage is measured.</summary>
    public enum DrillServiceKind { RoutingVip, ElasticIp, SecondaryIp, DnsFailover, InstanceData }

    public enum DrillFaultKind
    {
        StopInstance,
        TerminateInstance,
        /// <summary>Every instance of one Availability Zone stopped (on AWS: only the declared instances in it).</summary>
        LoseAvailabilityZone,
        /// <summary>The VIP's routes replaced by a route to an interface that cannot take traffic.</summary>
        RouteBlackhole,
        /// <summary>The primary's endpoint down: Route 53's checkers see it after RequestInterval × FailureThreshold.</summary>
        HealthCheckFailing,
        /// <summary>Instance metadata unreachable while the recovery runs (sandbox only).</summary>
        ImdsDown,
        /// <summary>EC2 throttles changes while the recovery runs (sandbox only).</summary>
        ApiThrottled,
        /// <summary>EC2 answers 5xx to the next calls of the recovery (sandbox only).</summary>
        ApiErrors,
    }

    public enum DrillRecoveryKind
    {
        SetRoutingFailover,
        MoveFloatingIp,
        /// <summary>Set-Route53Failover -SwitchTo Secondary: the operator's hand failover.</summary>
        Route53SwitchTo,
        /// <summary>No action: Route 53 answers with the secondary once the checkers see the primary fail.</summary>
        Route53HealthCheck,
        RestoreSnapshot,
        /// <summary>The operator's runbook as a script block.</summary>
        Script,
    }

    public enum DrillProbeKind { RoutingFailover, FloatingIp, Route53Failover, InstanceData, Script }

    public static class DrillFaultKinds
    {
        /// <summary>The faults that break the service at the start of the drill (the others hold only during the recovery).</summary>
        public static bool BreaksService(DrillFaultKind kind)
            => kind != DrillFaultKind.ImdsDown && kind != DrillFaultKind.ApiThrottled && kind != DrillFaultKind.ApiErrors;

        /// <summary>Faults that only the sandbox can inject: on AWS they are not a plain EC2 action on a declared resource.</summary>
        public static bool SandboxOnly(DrillFaultKind kind)
            => !BreaksService(kind) || kind == DrillFaultKind.HealthCheckFailing;
    }
}
