# Routing-based HA: web-1 serves the virtual IP 100.64.0.10 through two route tables; it is stopped, and
# Set-RoutingFailover moves the VIP to web-2. Ids are the sandbox's seed (docs/sandbox.md).
@{
    Name        = 'routing-ha-primary-stopped'
    Description = 'web-1 stops; the virtual IP moves to web-2 by rewriting both route tables'
    Service     = @{
        Kind         = 'RoutingVip'
        VirtualIp    = '100.64.0.10'
        RouteTableId = 'rtb-0a1b2c3d4e5f60031', 'rtb-0a1b2c3d4e5f60032'
        Primary      = 'i-0a1b2c3d4e5f60101'
        Standby      = 'i-0a1b2c3d4e5f60102'
    }
    Fault       = @{ Kind = 'StopInstance' }
    Recovery    = @{ Kind = 'SetRoutingFailover' }
    Probe       = @{ Kind = 'RoutingFailover'; Interval = '100ms' }
    Expect      = @{ Detection = '5s'; Rto = '15s' }
    Limit       = '1m'
}
