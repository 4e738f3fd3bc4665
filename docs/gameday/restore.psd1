# Snapshot restore: db-1 is lost; its newest completed snapshot set is restored into new volumes. RPO is the age
# of that set at the moment of the fault.
@{
    Name        = 'restore-db-1'
    Description = 'db-1 stops; its newest snapshot set is restored into new volumes'
    Service     = @{ Kind = 'InstanceData'; InstanceId = 'i-0a1b2c3d4e5f60103' }
    Fault       = @{ Kind = 'StopInstance' }
    Recovery    = @{ Kind = 'RestoreSnapshot' }
    Probe       = @{ Kind = 'InstanceData'; Interval = '250ms' }
    Expect      = @{ Rto = '1m'; Rpo = '1h' }
    Limit       = '2m'
}
