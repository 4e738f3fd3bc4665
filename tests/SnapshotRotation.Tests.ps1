# Remove-PatternSnapshot against the in-process sandbox, run as a principal holding exactly the published
# SnapshotRotation policy. Sets are seeded straight into the sandbox state (Ec2Service.SeedSnapshots/SeedImage),
# so each test controls ages, states and tags that the API could not produce (aws:backup:* tags, old sets).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    Start-CdpSandbox | Out-Null
    $script:Rotation = Register-CdpPrincipal -AccessKeyId AKIDROT -Policy (Get-PatternIamPolicy Snapshot SnapshotRotation)
    $script:AsRotation = $Rotation.Splat
    $script:Backup = Register-CdpPrincipal -AccessKeyId AKIDBACKUP -Policy (Get-PatternIamPolicy Snapshot Snapshot)

    # The engine and sandbox load in the module's own load context: find their types among the loaded assemblies.
    $assemblies = [AppDomain]::CurrentDomain.GetAssemblies()
    $sandboxAssembly = $assemblies | Where-Object { $_.GetName().Name -eq 'CloudDesignPatterns.Sandbox' } | Select-Object -First 1
    $script:SeedSnapshotType = $sandboxAssembly.GetType('CloudDesignPatterns.Sandbox.Ec2.SeedSnapshot', $true)
    $script:SeedImageType = $sandboxAssembly.GetType('CloudDesignPatterns.Sandbox.Ec2.SeedImage', $true)
    # The running in-process sandbox's EC2 state, held by the cmdlet assembly's (internal) session list.
    $sessionType = (Get-Command Start-PatternSandbox).ImplementingType.Assembly.GetType('CloudDesignPatterns.Commands.Sandbox.SandboxSession', $true)
    $entry = $sessionType.GetProperty('InProcess', [Reflection.BindingFlags]'Public,NonPublic,Static').GetValue($null)
    $script:Ec2 = $entry.GetType().GetProperty('Host').GetValue($entry).Ec2
    $script:Now = [DateTime]::UtcNow
    $script:NextInstance = 0

    # A fresh (fake) instance id per test keeps the groups of different tests apart.
    function script:New-InstanceId { $script:NextInstance++; 'i-0c{0:x15}' -f $script:NextInstance }

    function script:New-Snapshots([int] $Count, [datetime] $Created, [hashtable] $Tags, [switch] $Pending) {
        $list = [Activator]::CreateInstance([Collections.Generic.List`1].MakeGenericType($SeedSnapshotType))
        for ($n = 0; $n -lt $Count; $n++) {
            $s = [Activator]::CreateInstance($SeedSnapshotType)
            $s.VolumeId = 'vol-0c{0:x15}' -f $n
            $s.StartTime = $Created
            if ($Pending) { $s.PendingFor = [TimeSpan]::FromDays(30) }
            $d = [Collections.Generic.Dictionary[string, string]]::new()
            foreach ($k in $Tags.Keys) { $d[$k] = $Tags[$k] }
            $s.Tags = $d
            $list.Add($s)
        }
        @($Ec2.SeedSnapshots($Seed.Region, $list))
    }

    # Seeds one set; returns SetId and SnapshotIds (and ImageId with -Image). -Repeats N adds N more snapshots of its
    # first volumes (the same volume ids again): an over-full set.
    function script:New-SeededSet {
        param([string] $InstanceId, [int] $DaysAgo, [int] $Volumes = 1, [switch] $Pending, [switch] $Unmanaged, [hashtable] $ExtraTags = @{}, [switch] $Image,
            [int] $Repeats = 0)
        $setId = 'ss-' + [guid]::NewGuid().ToString('n').Substring(0, 16)
        $created = $Now.AddDays(-$DaysAgo)
        $tags = @{ 'cdp:snapshot:set-id' = $setId; 'cdp:snapshot:policy' = 'nightly'; 'cdp:snapshot:source-instance' = $InstanceId; Name = "nightly-$InstanceId-$DaysAgo" }
        if (-not $Unmanaged) { $tags['cdp:managed-by'] = 'CloudDesignPatterns' }
        foreach ($k in $ExtraTags.Keys) { $tags[$k] = $ExtraTags[$k] }
        $ids = New-Snapshots -Count $Volumes -Created $created -Tags $tags -Pending:$Pending
        if ($Repeats -gt 0) { $ids = @($ids) + @(New-Snapshots -Count $Repeats -Created $created.AddMinutes(1) -Tags $tags) }
        $result = [pscustomobject]@{ SetId = $setId; SnapshotIds = $ids; ImageId = $null }
        if ($Image) {
            $i = [Activator]::CreateInstance($SeedImageType)
            $i.Name = "nightly-$InstanceId-$setId"
            $i.CreationDate = $created
            $i.SnapshotIds = [Collections.Generic.List[string]]::new([string[]] $ids)
            $d = [Collections.Generic.Dictionary[string, string]]::new()
            foreach ($k in $tags.Keys) { $d[$k] = $tags[$k] }
            $i.Tags = $d
            $result.ImageId = $Ec2.SeedImage($Seed.Region, $i)
        }
        $result
    }

    function script:Get-SnapshotIdsLeft {
        $existing = @(Get-PatternSnapshot -IncludeUnmanaged -ErrorAction Stop | ForEach-Object { $_.Snapshots.SnapshotId })
        $existing
    }
    function script:Get-MutatingCalls([long] $Mark) {
        @(Get-CdpCallSince -Mark $Mark | Where-Object { $_.Action -in 'DeleteSnapshot', 'DeregisterImage' })
    }
}

AfterAll { Stop-CdpSandbox }

Describe 'Remove-PatternSnapshot rotation as the SnapshotRotation principal' {
    It 'keeps N completed generations and removes the rest, verified by reading back' {
        $instance = New-InstanceId
        $sets = foreach ($d in 1..5) { New-SeededSet -InstanceId $instance -DaysAgo $d }
        $mark = Get-CdpCallMark

        $result = @(Remove-PatternSnapshot -InstanceId $instance -Policy nightly -KeepGenerations 2 -Force @AsRotation -ErrorAction Stop)
        $calls = @(Get-CdpCallSince -Mark $mark)

        $result.Action | Sort-Object -Unique | Should -Be 'Removed'
        $result.SetId | Sort-Object | Should -Be ($sets[2..4].SetId | Sort-Object)
        $result[0] | Should -BeOfType ([CloudDesignPatterns.Model.Snapshots.SnapshotRemoval])
        $left = Get-SnapshotIdsLeft
        foreach ($s in $sets[0..1]) { $s.SnapshotIds | Should -BeIn $left }
        foreach ($s in $sets[2..4]) { $s.SnapshotIds | Should -Not -BeIn $left }
        $calls.Outcome | Sort-Object -Unique | Should -Be 'Success'
        $calls.Principal | Sort-Object -Unique | Should -Be $Rotation.PrincipalArn
    }

    It 'counts an over-full set (a volume in it twice) as one generation, and removes it whole' {
        $instance = New-InstanceId
        $sets = @(
            New-SeededSet -InstanceId $instance -DaysAgo 1 -Volumes 2
            New-SeededSet -InstanceId $instance -DaysAgo 2 -Volumes 2 -Repeats 1
            New-SeededSet -InstanceId $instance -DaysAgo 3 -Volumes 2
            New-SeededSet -InstanceId $instance -DaysAgo 4 -Volumes 2)
        $overfull = $sets[1]
        (Get-PatternSnapshot -SetId $overfull.SetId -WarningAction SilentlyContinue).State | Should -Be 'Overfull'

        $first = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 2 -Force @AsRotation -ErrorAction Stop)
        $first.SetId | Sort-Object | Should -Be ($sets[2..3].SetId | Sort-Object) -Because 'days 1 and 2 are the two generations kept'
        $overfull.SnapshotIds | Should -HaveCount 3
        $overfull.SnapshotIds | Should -BeIn (Get-SnapshotIdsLeft)

        $mark = Get-CdpCallMark
        $second = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 1 -Force @AsRotation -ErrorAction Stop)
        $second.SetId | Should -Be @($overfull.SetId)
        (Get-MutatingCalls $mark | ForEach-Object { $_.Parameters['SnapshotId'] }) | Sort-Object | Should -Be ($overfull.SnapshotIds | Sort-Object)
        $left = Get-SnapshotIdsLeft
        foreach ($id in $overfull.SnapshotIds) { $id | Should -Not -BeIn $left }
        $sets[0].SnapshotIds | Should -BeIn $left
    }

    It 'writes the kept sets too with -PassThru' {
        $instance = New-InstanceId
        foreach ($d in 1..3) { New-SeededSet -InstanceId $instance -DaysAgo $d | Out-Null }
        $result = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 2 -PassThru -Force @AsRotation -ErrorAction Stop)
        ($result | Group-Object Action -AsHashTable -AsString).Keys | Sort-Object | Should -Be @('Kept', 'Removed')
        @($result | Where-Object Action -eq Kept) | Should -HaveCount 2
    }

    It 'never removes or counts a pending set' {
        $instance = New-InstanceId
        $pending = New-SeededSet -InstanceId $instance -DaysAgo 9 -Pending
        $completed = foreach ($d in 1..3) { New-SeededSet -InstanceId $instance -DaysAgo $d }

        $result = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 1 -Force @AsRotation -ErrorAction Stop)

        $result.SetId | Sort-Object | Should -Be ($completed[1..2].SetId | Sort-Object)
        $pending.SnapshotIds | Should -BeIn (Get-SnapshotIdsLeft)
    }

    It 'leaves a snapshot that is not tagged as ours' {
        $instance = New-InstanceId
        New-SeededSet -InstanceId $instance -DaysAgo 1 | Out-Null
        $unmanaged = New-SeededSet -InstanceId $instance -DaysAgo 5 -Unmanaged
        $plain = New-Snapshots -Count 1 -Created $Now.AddDays(-20) -Tags @{}

        $result = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 1 -Force @AsRotation -WarningAction SilentlyContinue -ErrorAction Stop)

        @($result | Where-Object Action -eq Removed) | Should -HaveCount 0
        ($result | Where-Object SetId -eq $unmanaged.SetId).Action | Should -Be 'Skipped'
        $left = Get-SnapshotIdsLeft
        $unmanaged.SnapshotIds | Should -BeIn $left
        $plain | Should -BeIn $left
    }

    It 'never touches a snapshot tagged aws:backup:*' {
        $instance = New-InstanceId
        New-SeededSet -InstanceId $instance -DaysAgo 1 | Out-Null
        $backup = New-SeededSet -InstanceId $instance -DaysAgo 4 -ExtraTags @{ 'aws:backup:source-resource' = 'arn:aws:ec2:ap-northeast-1::volume/vol-1' }

        $result = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 1 -Force @AsRotation -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop)

        $skipped = $result | Where-Object SetId -eq $backup.SetId
        $skipped.Action | Should -Be 'Skipped'
        $skipped.Reason | Should -Match 'aws:backup:source-resource'
        "$warnings" | Should -Match $backup.SetId
        $backup.SnapshotIds | Should -BeIn (Get-SnapshotIdsLeft)
    }

    It 'deregisters an AMI set''s image, then deletes all of its snapshots' {
        $instance = New-InstanceId
        New-SeededSet -InstanceId $instance -DaysAgo 1 | Out-Null
        $image = New-SeededSet -InstanceId $instance -DaysAgo 3 -Volumes 2 -Image
        $mark = Get-CdpCallMark

        $result = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 1 -Force @AsRotation -ErrorAction Stop)

        $result.Action | Should -Be 'Removed'
        $result.ImageId | Should -Be $image.ImageId
        $calls = Get-MutatingCalls $mark
        $calls.Action | Should -Be @('DeregisterImage', 'DeleteSnapshot', 'DeleteSnapshot')
        $calls[0].Parameters['ImageId'] | Should -Be $image.ImageId
        ($calls[1..2] | ForEach-Object { $_.Parameters['SnapshotId'] }) | Sort-Object | Should -Be ($image.SnapshotIds | Sort-Object)
    }

    It 'reports a delete that keeps failing on its own item while the other sets are removed' {
        $instance = New-InstanceId
        $kept = New-SeededSet -InstanceId $instance -DaysAgo 1
        $old = foreach ($d in 2..7) { New-SeededSet -InstanceId $instance -DaysAgo $d }
        Set-PatternSandbox -FailNext 10 -FaultAction DeleteSnapshot
        $mark = Get-CdpCallMark
        try {
            $result = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 1 -ThrottleLimit 1 -Force @AsRotation -ErrorVariable failures -ErrorAction SilentlyContinue)
        }
        finally { Set-PatternSandbox -ClearFaults }

        # The exact sets, from the sandbox's record: a set is removed when its DeleteSnapshot succeeded, failed otherwise.
        $deleted = @(Get-CdpCallSince -Mark $mark | Where-Object { $_.Action -eq 'DeleteSnapshot' -and $_.Outcome -eq 'Success' } |
                ForEach-Object { $_.Parameters['SnapshotId'] })
        $expectRemoved = @($old | Where-Object { @($_.SnapshotIds)[0] -in $deleted })
        $expectFailed = @($old | Where-Object { @($_.SnapshotIds)[0] -notin $deleted })
        $expectFailed.Count | Should -BeGreaterThan 0 -Because 'ten 500s outlast the retries of at least one delete'
        $expectRemoved.Count | Should -BeGreaterThan 0 -Because 'the fault runs out and the later deletes succeed'
        $failed = @($result | Where-Object Action -eq Failed)
        $removed = @($result | Where-Object Action -eq Removed)
        $failed.SetId | Sort-Object | Should -Be ($expectFailed.SetId | Sort-Object)
        $removed.SetId | Sort-Object | Should -Be ($expectRemoved.SetId | Sort-Object)
        $result.SetId | Should -Not -Contain $kept.SetId
        $failures | Should -HaveCount $expectFailed.Count
        $failures.TargetObject | Sort-Object | Should -Be ($expectFailed.SetId | Sort-Object)
        $left = Get-SnapshotIdsLeft
        foreach ($f in $failed) { $f.SnapshotIds | Should -BeIn $left }
        foreach ($r in $removed) { $r.SnapshotIds | Should -Not -BeIn $left }
    }

    It '-WhatIf prints the plan set by set and changes nothing' {
        $instance = New-InstanceId
        $sets = foreach ($d in 1..3) { New-SeededSet -InstanceId $instance -DaysAgo $d }
        $mark = Get-CdpCallMark
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "rotation-whatif-$([guid]::NewGuid().ToString('n')).txt"

        Start-Transcript -Path $transcript | Out-Null
        try { $result = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 1 -WhatIf @AsRotation -ErrorAction Stop) }
        finally { Stop-Transcript | Out-Null }

        $result | Should -HaveCount 0
        Get-MutatingCalls $mark | Should -HaveCount 0
        $text = Get-Content $transcript -Raw
        Remove-Item $transcript
        foreach ($s in $sets[1..2]) {
            $text | Should -Match ([regex]::Escape("Remove snapshot set (delete $(@($s.SnapshotIds)[0]))"))
            $text | Should -Match ([regex]::Escape("$($s.SetId) ($instance, nightly, "))
        }
        $sets[0].SetId | Should -Not -BeIn ([regex]::Matches($text, 'ss-[0-9a-f]{16}').Value)
        foreach ($s in $sets) { $s.SnapshotIds | Should -BeIn (Get-SnapshotIdsLeft) }
    }

    It '-Verbose ends planning with the counts and how long reading and planning took' {
        $instance = New-InstanceId
        foreach ($d in 1..3) { $null = New-SeededSet -InstanceId $instance -DaysAgo $d }

        $verbose = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 1 -WhatIf -Verbose @AsRotation -ErrorAction Stop 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })

        $plan = @($verbose | Where-Object Message -like 'Plan in *')
        $plan | Should -HaveCount 1
        $plan[0].Message | Should -Match '^Plan in [a-z0-9-]+ \(keep 1 generation\(s\)\): 2 to remove, 1 kept, 0 skipped; read and planned in (?<all>[0-9.]+) s, (?<wait>[0-9.]+) s of it waiting for EC2\.$'
        [double]$Matches.wait | Should -BeLessOrEqual ([double]$Matches.all)
    }

    It 'refuses -KeepGenerations 0 before any call' {
        $mark = Get-CdpCallMark
        $error0 = Get-CdpError { Remove-PatternSnapshot -InstanceId (New-InstanceId) -KeepGenerations 0 -Force @AsRotation -ErrorAction Stop }
        $error0 | Should -Not -BeNullOrEmpty
        $error0.FullyQualifiedErrorId | Should -Match '^InvalidKeepGenerations'
        $error0.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-CdpCallSince -Mark $mark | Should -HaveCount 0
    }

    It 'takes -KeepGenerations and -Policy from Cloud DI objects by property name' {
        $instance = New-InstanceId
        $sets = foreach ($d in 1..4) { New-SeededSet -InstanceId $instance -DaysAgo $d }
        $configuration = [pscustomobject]@{ InstanceId = $instance; Region = $Seed.Region; Pattern = 'snapshot'; Policy = 'nightly'; KeepGenerations = 3; OlderThan = [TimeSpan]::FromDays(30) }

        $result = @($configuration | Remove-PatternSnapshot -Force @AsRotation -ErrorAction Stop)

        $result.SetId | Should -Be $sets[3].SetId
    }

    It 'deletes the sets piped to it when no keep rule is given' {
        $instance = New-InstanceId
        $sets = foreach ($d in 1..3) { New-SeededSet -InstanceId $instance -DaysAgo $d }
        $piped = @(Get-PatternSnapshot -InstanceId $instance -ErrorAction Stop | Where-Object SetId -in $sets[0].SetId, $sets[2].SetId)
        $piped | Should -HaveCount 2

        $result = @($piped | Remove-PatternSnapshot -Force @AsRotation -ErrorAction Stop)

        $result.SetId | Sort-Object | Should -Be (@($sets[0].SetId, $sets[2].SetId) | Sort-Object)
        $sets[1].SnapshotIds | Should -BeIn (Get-SnapshotIdsLeft)
    }

    It 'fails as the Snapshot (backup) role with PermissionDenied naming ec2:DeleteSnapshot' {
        $instance = New-InstanceId
        foreach ($d in 1..2) { New-SeededSet -InstanceId $instance -DaysAgo $d | Out-Null }

        $asBackup = $Backup.Splat
        $result = @(Remove-PatternSnapshot -InstanceId $instance -KeepGenerations 1 -Force @asBackup -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].Exception.MissingAction | Should -Be 'ec2:DeleteSnapshot'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'ec2:DeleteSnapshot'
        $result.Action | Should -Be 'Failed'
    }
}

Describe 'Remove-PatternSnapshot -OlderThan takes the duration forms a tag holds (issue 17 item 4)' {
    It '-OlderThan 1m binds as one minute and removes only the sets older than that' {
        $instance = New-InstanceId
        $old = New-SeededSet -InstanceId $instance -DaysAgo 1
        $script:Now = [DateTime]::UtcNow
        $fresh = New-SeededSet -InstanceId $instance -DaysAgo 0

        $result = @(Remove-PatternSnapshot -InstanceId $instance -OlderThan 1m -PassThru -Force @AsRotation -ErrorAction Stop)

        ($result | Where-Object Action -eq Removed).SetId | Should -Be @($old.SetId)
        ($result | Where-Object Action -eq Kept).SetId | Should -Be @($fresh.SetId)
        $left = Get-SnapshotIdsLeft
        $fresh.SnapshotIds | Should -BeIn $left
        $old.SnapshotIds | Should -Not -BeIn $left
    }

    It 'refuses <Value> at binding, naming the accepted forms, before any AWS call' -ForEach @(@{ Value = '7' }, @{ Value = 'abc' }) {
        $mark = Get-CdpCallMark
        $thrown = { Remove-PatternSnapshot -InstanceId (New-InstanceId) -OlderThan $Value -Force @AsRotation } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,*' -PassThru
        $thrown.Exception.Message | Should -BeLike "*'$Value' is not a duration*7d, 12h, 30m*"
        @(Get-CdpCallSince -Mark $mark) | Should -HaveCount 0
    }
}

Describe 'Remove-PatternSnapshot -Self' {
    It 'in another region reports SelfInOtherRegion and removes nothing' {
        $mark = Get-CdpCallMark
        $result = @(Remove-PatternSnapshot -Self -KeepGenerations 1 -Region $Seed.DrRegion -Force @AsRotation -ErrorVariable failures -ErrorAction SilentlyContinue)
        $result | Should -HaveCount 0
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SelfInOtherRegion,*'
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -in 'DeleteSnapshot', 'DeregisterImage') | Should -HaveCount 0
    }
}

Describe 'Remove-PatternSnapshot -InstanceId with a malformed id (issue 18 item 7)' {
    It 'reports it as a non-terminating error, rotates the valid instance, and never widens to every instance' {
        $instance = New-InstanceId
        $sets = foreach ($d in 1..3) { New-SeededSet -InstanceId $instance -DaysAgo $d }
        $result = @(Remove-PatternSnapshot -InstanceId 'i-NOTANID', $instance -KeepGenerations 1 -Force @AsRotation -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidInstanceId,*'
        $result.SetId | Sort-Object | Should -Be ($sets[1..2].SetId | Sort-Object)

        $mark = Get-CdpCallMark
        @(Remove-PatternSnapshot -InstanceId 'i-NOTANID' -KeepGenerations 1 -Force @AsRotation -ErrorAction SilentlyContinue) | Should -HaveCount 0
        @(Get-CdpCallSince -Mark $mark) | Should -HaveCount 0
    }
}
