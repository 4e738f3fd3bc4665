# Floating IP: web-1 holds the Elastic IP eipalloc-0a1b2c3d4e5f60501; its whole Availability Zone is lost, and
# Move-FloatingIp re-associates the address with web-2 in the other zone.
@{
    Name        = 'elastic-ip-zone-lost'
    Description = 'every instance in web-1''s zone stops; the Elastic IP moves to web-2'
    Service     = @{
        Kind         = 'ElasticIp'
        AllocationId = 'eipalloc-0a1b2c3d4e5f60501'
        Primary      = 'i-0a1b2c3d4e5f60101'
        Standby      = 'i-0a1b2c3d4e5f60102'
    }
    Fault       = @{ Kind = 'LoseAvailabilityZone' }
    Recovery    = @{ Kind = 'MoveFloatingIp' }
    Probe       = @{ Kind = 'FloatingIp'; Interval = '100ms' }
    Expect      = @{ Detection = '5s'; Rto = '15s' }
    Limit       = '1m'
}
