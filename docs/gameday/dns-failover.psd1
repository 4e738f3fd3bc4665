# DNS failover: app.example.com is a PRIMARY/SECONDARY pair whose primary a health check guards; the primary's
# endpoint goes down. No one acts: Route 53 answers with the secondary once its checkers (request interval x
# failure threshold) see the failure, and clients follow when their cached answer's TTL runs out.
@{
    Name        = 'dns-failover-health-check'
    Description = 'the primary endpoint fails; Route 53 fails over by itself, bounded below by detection plus TTL'
    Service     = @{
        Kind         = 'DnsFailover'
        HostedZoneId = 'Z0CDP000000PUBLIC1'
        RecordName   = 'app.example.com'
    }
    Fault       = @{ Kind = 'HealthCheckFailing' }
    Recovery    = @{ Kind = 'Route53HealthCheck' }
    Probe       = @{ Kind = 'Route53Failover'; Interval = '250ms' }
    Expect      = @{ Rto = '30s' }
    Limit       = '2m'
}
