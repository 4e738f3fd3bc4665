# Copy-PatternSnapshot and Restore-PatternSnapshot against the sandbox, each run as a principal holding exactly its
# published role: Snapshot (the host copying its own backups to the DR region) and SnapshotRestore (the recovery job).
# Sets are made with New-PatternSnapshot as the sandbox's administrator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -SnapshotDelaySeconds 1 -ErrorAction Stop
    $script:AsSnapshot = (Register-CdpPrincipal -AccessKeyId AKIDSNAPCOPY -Policy (Get-PatternIamPolicy Snapshot Snapshot)).Splat
    $script:AsRestore = (Register-CdpPrincipal -AccessKeyId AKIDSNAPRESTORE -Policy (Get-PatternIamPolicy Snapshot SnapshotRestore)).Splat
    $script:RestorePrincipal = "arn:aws:iam::$($Seed.AccountId):user/akidsnaprestore"
    $script:SnapshotPrincipal = "arn:aws:iam::$($Seed.AccountId):user/akidsnapcopy"

    # A set of the instance, made as the administrator (not under the roles being tested); returns its set id.
    # No fallback when a cmdlet is missing: a missing New- or Get-PatternSnapshot must fail these tests, not be worked around.
    function script:New-TestSet {
        param([string] $InstanceId, [switch] $Image, [switch] $NoWait)
        (New-PatternSnapshot -InstanceId $InstanceId -Image:$Image -Wait:(-not $NoWait) -DestinationRegion $Seed.DrRegion -ErrorAction Stop).SetId
    }

    # A SnapshotSet as Get-PatternSnapshot outputs it, for pipeline binding by property name.
    function script:Get-TestSet {
        param([string] $SetId, [string] $Region = $Seed.Region)
        Get-PatternSnapshot -SetId $SetId -Region $Region -ErrorAction Stop
    }

    function script:Get-Mutating([long] $Mark) { @(Get-CdpCallSince -Mark $Mark | Where-Object { $_.Action -notlike 'Describe*' }) }
}

AfterAll { Stop-CdpSandbox }

Describe 'Copy-PatternSnapshot as a principal holding exactly the Snapshot role' {
    BeforeAll {
        $script:Web1Set = New-TestSet $Seed.Web1
    }

    It 'copies a piped set to its configured destination region with no argument, and -Wait returns it completed' {
        $mark = Get-CdpCallMark
        $copy = @(Get-TestSet $Web1Set | Copy-PatternSnapshot -Wait @AsSnapshot -ErrorAction Stop)

        $copy | Should -HaveCount 1
        $copy[0] | Should -BeOfType ([CloudDesignPatterns.Model.Snapshots.SnapshotSet])
        $copy[0].Region | Should -Be $Seed.DrRegion
        $copy[0].State | Should -Be 'Completed'
        $copy[0].SourceSetId | Should -Be $Web1Set
        $copy[0].SourceRegion | Should -Be $Seed.Region
        $copy[0].InstanceId | Should -Be $Seed.Web1
        $copy[0].Snapshots | Should -HaveCount 2
        $script:Web1Copy = $copy[0]

        $calls = Get-Mutating $mark
        $calls.Action | Should -Be @('CopySnapshot', 'CopySnapshot')
        $calls.Region | Sort-Object -Unique | Should -Be $Seed.DrRegion -Because 'CopySnapshot is called in the destination region'
        $calls.Outcome | Sort-Object -Unique | Should -Be 'Success'
        $calls.Principal | Sort-Object -Unique | Should -Be $SnapshotPrincipal
    }

    It 'is the whole nightly job with no argument: New-PatternSnapshot -Self -Wait | Copy-PatternSnapshot -Wait (destination from Cloud DI)' {
        # The sandbox runs as web-1, whose user data configures cdp:snapshot:destination-region, so neither cmdlet is told where to copy.
        $copy = @(New-PatternSnapshot -Self -Wait @AsSnapshot -ErrorAction Stop | Copy-PatternSnapshot -Wait @AsSnapshot -ErrorAction Stop)
        $copy | Should -HaveCount 1
        $copy[0].Region | Should -Be $Seed.DrRegion
        $copy[0].State | Should -Be 'Completed'
    }

    It 'copies the same set again as no second copy' {
        $mark = Get-CdpCallMark
        $again = Copy-PatternSnapshot -SetId $Web1Set -DestinationRegion $Seed.DrRegion @AsSnapshot -ErrorAction Stop
        $again.SetId | Should -Be $Web1Copy.SetId
        Get-Mutating $mark | Should -BeNullOrEmpty
    }

    It 'groups the copies in the DR region, tags intact (Get-PatternSnapshot -Region <dr>)' {
        $sets = @(Get-PatternSnapshot -Region $Seed.DrRegion -InstanceId $Seed.Web1 @AsSnapshot | Where-Object SetId -eq $Web1Copy.SetId)
        $sets | Should -HaveCount 1
        $sets[0].Snapshots | Should -HaveCount 2
        $sets[0].Policy | Should -Be 'nightly'
        $sets[0].SourceSetId | Should -Be $Web1Set
    }

    It 'copies an AMI set with CopyImage' {
        $imageSet = New-TestSet $Seed.Db1 -Image
        $mark = Get-CdpCallMark
        $copy = Copy-PatternSnapshot -SetId $imageSet -DestinationRegion $Seed.DrRegion -Wait @AsSnapshot -ErrorAction Stop
        $copy.Kind | Should -Be 'Image'
        $copy.ImageId | Should -Match '^ami-'
        $copy.Region | Should -Be $Seed.DrRegion
        $copy.State | Should -Be 'Completed'
        $copy.SourceSetId | Should -Be $imageSet
        $calls = Get-Mutating $mark
        $calls.Action | Should -Be @('CopyImage')
        $calls[0].Outcome | Should -Be 'Success'
        $calls[0].Parameters['CopyImageTags'] | Should -Be 'true'
    }

    It '-WhatIf changes nothing and outputs nothing' {
        $setId = New-TestSet $Seed.Web2
        $mark = Get-CdpCallMark
        $out = Copy-PatternSnapshot -SetId $setId -DestinationRegion $Seed.DrRegion -WhatIf @AsSnapshot
        $out | Should -BeNullOrEmpty
        Get-Mutating $mark | Should -BeNullOrEmpty
    }

    It 'refuses <Case> before any call' -ForEach @(
        @{ Case = 'the source region as destination'; Destination = 'ap-northeast-1'; ErrorId = 'DestinationIsSourceRegion' }
        @{ Case = 'no destination at all'; Destination = $null; ErrorId = 'NoDestinationRegion' }
    ) {
        $set = [CloudDesignPatterns.Model.Snapshots.SnapshotSet]@{ SetId = 'ss-0123456789abcdef'; Region = $Seed.Region }
        $mark = Get-CdpCallMark
        $extra = @{}
        if ($Destination) { $extra.DestinationRegion = $Destination }
        $out = $set | Copy-PatternSnapshot @extra @AsSnapshot -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($errors[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        @(Get-CdpCallSince -Mark $mark) | Should -BeNullOrEmpty
    }

    It 'refuses a region name that does not exist before any change' {
        $mark = Get-CdpCallMark
        $out = Copy-PatternSnapshot -SetId $Web1Set -DestinationRegion 'xx-nowhere-9' @AsSnapshot -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'UnknownRegion,*'
        Get-Mutating $mark | Should -BeNullOrEmpty
    }

    It 'errors clearly on a pending source without -Wait' {
        $pending = New-TestSet $Seed.Web2 -NoWait
        $mark = Get-CdpCallMark
        $out = Copy-PatternSnapshot -SetId $pending -DestinationRegion $Seed.DrRegion @AsSnapshot -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotSetPending,*'
        $errors[0].Exception.Message | Should -BeLike '*-Wait*'
        Get-Mutating $mark | Should -BeNullOrEmpty
    }
}

Describe 'Restore-PatternSnapshot as a principal holding exactly the SnapshotRestore role' {
    BeforeAll {
        $script:RestoreSet = New-TestSet $Seed.Web1
    }

    It 'refuses a pending set without -Wait, and with -Wait waits for it and restores it' {
        $pending = New-TestSet $Seed.Web2 -NoWait
        $mark = Get-CdpCallMark
        Restore-PatternSnapshot -SetId $pending @AsRestore -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SnapshotSetPending,*'
        $errors[0].Exception.Message | Should -BeLike '*-Wait*'
        Get-Mutating $mark | Should -BeNullOrEmpty

        $result = Restore-PatternSnapshot -SetId $pending -Wait @AsRestore -ErrorAction Stop
        $result.Volumes | Should -HaveCount 2
        $result.Volumes.State | Sort-Object -Unique | Should -Be 'available'
        (Get-Mutating $mark).Action | Should -Be @('CreateVolume', 'CreateVolume')
    }

    It 'restores a set to volumes in the source instance''s zone' {
        $mark = Get-CdpCallMark
        $result = Restore-PatternSnapshot -SetId $RestoreSet -Wait @AsRestore -ErrorAction Stop
        $result | Should -BeOfType ([CloudDesignPatterns.Model.Snapshots.RestoreResult])
        $result.AvailabilityZone | Should -Be "$($Seed.Region)a"
        $result.Volumes | Should -HaveCount 2
        $result.Volumes.State | Sort-Object -Unique | Should -Be 'available'
        $result.InstanceId | Should -BeNullOrEmpty
        $calls = Get-Mutating $mark
        $calls.Action | Should -Be @('CreateVolume', 'CreateVolume')
        $calls.Outcome | Sort-Object -Unique | Should -Be 'Success'
        $calls.Principal | Sort-Object -Unique | Should -Be $RestorePrincipal
    }

    It 'attaches to a stopped instance at the original devices where free, the next free one otherwise' {
        $result = Restore-PatternSnapshot -SetId $RestoreSet -InstanceId $Seed.Batch1 -Wait @AsRestore -ErrorAction Stop
        $result.InstanceId | Should -Be $Seed.Batch1
        $result.AvailabilityZone | Should -Be "$($Seed.Region)c"
        $result.Volumes.Attached | Sort-Object -Unique | Should -Be $true
        ($result.Volumes.DeviceName | Sort-Object) | Should -Be @('/dev/sdg', '/dev/xvdf') -Because 'xvda is batch-1''s root; sdf is the slot of xvdf'
    }

    It 'launches an instance from an AMI set with the source instance''s type, subnet and groups' {
        $imageSet = New-TestSet $Seed.Db1 -Image
        $mark = Get-CdpCallMark
        $result = Restore-PatternSnapshot -SetId $imageSet -Wait @AsRestore -ErrorAction Stop
        $result.Launched | Should -BeTrue
        $result.InstanceId | Should -Match '^i-'
        $result.State | Should -Be 'running'
        $run = @(Get-Mutating $mark | Where-Object Action -eq 'RunInstances')
        $run | Should -HaveCount 1
        $run[0].Outcome | Should -Be 'Success'
        $run[0].Parameters['InstanceType'] | Should -Be 'm5.large'
        $run[0].Parameters['SubnetId'] | Should -Be $Seed.SubnetA
    }

    It '-WhatIf changes nothing' {
        $mark = Get-CdpCallMark
        Restore-PatternSnapshot -SetId $RestoreSet -InstanceId $Seed.Batch1 -WhatIf @AsRestore | Should -BeNullOrEmpty
        Get-Mutating $mark | Should -BeNullOrEmpty
    }

    It 'reports an unknown target instance as an error on the set, before any change' {
        $mark = Get-CdpCallMark
        Restore-PatternSnapshot -SetId $RestoreSet -InstanceId 'i-0123456789abcdef0' @AsRestore -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'TargetInstanceNotFound,*'
        Get-Mutating $mark | Should -BeNullOrEmpty
    }

    It 'refuses a malformed set id before any call' {
        $mark = Get-CdpCallMark
        { Restore-PatternSnapshot -SetId 'snap-123' @AsRestore -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSnapshotSetId,*'
        @(Get-CdpCallSince -Mark $mark) | Should -BeNullOrEmpty
    }
}

Describe 'Runbook sample: restore the newest set of web-1 into new volumes and check them' {
    BeforeAll { New-TestSet $Seed.Web1 | Out-Null }

    It 'restores the newest completed set and every volume matches its snapshot' {
        # The sample as docs/patterns/snapshot.md shows it, run by the recovery job holding the SnapshotRestore role.
        $newest = Get-PatternSnapshot -InstanceId $Seed.Web1 @AsRestore |
            Where-Object State -eq 'Completed' | Select-Object -First 1
        $restored = $newest | Restore-PatternSnapshot -Wait @AsRestore -ErrorAction Stop

        $restored.SetId | Should -Be $newest.SetId
        $restored.Volumes | Should -HaveCount $newest.Snapshots.Count
        foreach ($volume in $restored.Volumes) {
            $volume.State | Should -Be 'available'
            $snapshot = $newest.Snapshots | Where-Object SnapshotId -eq $volume.SnapshotId
            $snapshot | Should -Not -BeNullOrEmpty
            $volume.SizeGiB | Should -Be $snapshot.SizeGiB
        }
    }
}
