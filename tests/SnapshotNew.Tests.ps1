#Requires -Version 7.0
# New-PatternSnapshot and Get-PatternSnapshot against the sandbox, run as a principal holding EXACTLY the published
# Snapshot role (Get-PatternIamPolicy Snapshot Snapshot), so least privilege is proven, not claimed. Each test asserts
# on the typed SnapshotSet and on the calls the sandbox recorded.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -SnapshotDelaySeconds 1 -ErrorAction Stop
    $script:SnapshotRole = Get-PatternIamPolicy Snapshot Snapshot
    $script:Principal = Register-CdpPrincipal -AccessKeyId AKIDSNAPSHOTROLE -Policy $SnapshotRole
    $script:As = $Principal.Splat

    # The calls a step made, without instance metadata.
    function script:Get-StepCall([long] $Mark, [string] $Action) {
        @(Get-CdpCallSince -Mark $Mark | Where-Object { -not $Action -or $_.Action -like $Action })
    }

    # Tag key → value of the first TagSpecification of a recorded create call (Query form: TagSpecification.1.Tag.N.Key).
    function script:Get-TagSpecification($Call, [int] $Index = 1) {
        $tags = [ordered]@{}
        $prefix = "TagSpecification.$Index.Tag."
        foreach ($key in $Call.Parameters.Keys | Where-Object { $_ -like "$prefix*.Key" }) {
            $n = $key.Substring($prefix.Length).Split('.')[0]
            $tags[$Call.Parameters[$key]] = $Call.Parameters["$prefix$n.Value"]
        }
        $tags
    }

    # A raw EC2 Query call: the sandbox reads the access key from the Authorization header and does not verify the
    # signature, so tests can act as another principal (or as the unchecked admin) without a second AWS client.
    function script:Invoke-RawEc2([string] $Action, [hashtable] $Parameters = @{}, [string] $AccessKey = 'AKIDSANDBOXADMIN') {
        $pairs = @("Action=$Action", 'Version=2016-11-15') + @($Parameters.GetEnumerator() | ForEach-Object {
                [uri]::EscapeDataString($_.Key) + '=' + [uri]::EscapeDataString([string]$_.Value) })
        $date = [DateTime]::UtcNow
        $headers = @{
            Authorization = "AWS4-HMAC-SHA256 Credential=$AccessKey/$($date.ToString('yyyyMMdd'))/$($Seed.Region)/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
            'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
        }
        $response = Invoke-WebRequest -Uri $Sandbox.EndpointUrl -Method Post -Body ($pairs -join '&') -Headers $headers `
            -ContentType 'application/x-www-form-urlencoded; charset=utf-8' -SkipHttpErrorCheck -SkipHeaderValidation
        [pscustomobject]@{ StatusCode = [int]$response.StatusCode; Xml = [xml]$response.Content }
    }
}

AfterAll { Stop-CdpSandbox }

Describe 'New-PatternSnapshot -Self on web-1 (Cloud DI: policy from a tag, DR region from user data)' {
    BeforeAll {
        $script:Mark = Get-CdpCallMark
        $script:Set = New-PatternSnapshot -Self @As
        $script:Calls = Get-StepCall $Mark
        $script:Create = @($Calls | Where-Object Action -eq CreateSnapshots)
    }

    It 'returns one typed SnapshotSet with the settings from Cloud DI' {
        $Set | Should -HaveCount 1
        $Set | Should -BeOfType ([CloudDesignPatterns.Model.Snapshots.SnapshotSet])
        $Set.InstanceId | Should -Be $Seed.Web1
        $Set.Region | Should -Be $Seed.Region
        $Set.Policy | Should -Be 'nightly' -Because 'the tag cdp:snapshot:policy=nightly'
        $Set.DestinationRegion | Should -Be $Seed.DrRegion -Because 'the user data line cdp:snapshot:destination-region'
        $Set.Kind | Should -Be 'Snapshots'
        $Set.ImageId | Should -BeNullOrEmpty
        $Set.SetId | Should -Match '^ss-[0-9a-f]{16}$'
        $Set.Name | Should -Match "^nightly-$($Seed.Web1)-\d{8}-\d{6}$"
        $Set.Managed | Should -BeTrue
    }

    It 'has both volumes with their device names' {
        $Set.Snapshots | Should -HaveCount 2
        $Set.Snapshots.VolumeId | Sort-Object | Should -Be @('vol-0a1b2c3d4e5f60301', 'vol-0a1b2c3d4e5f60302')
        ($Set.Snapshots | Where-Object VolumeId -eq 'vol-0a1b2c3d4e5f60301').DeviceName | Should -Be '/dev/xvda'
        ($Set.Snapshots | Where-Object VolumeId -eq 'vol-0a1b2c3d4e5f60302').DeviceName | Should -Be '/dev/xvdf'
        ($Set.Snapshots | Where-Object VolumeId -eq 'vol-0a1b2c3d4e5f60302').SizeGiB | Should -Be 100
        $Set.Snapshots.SnapshotId | ForEach-Object { $_ | Should -Match '^snap-[0-9a-f]+$' }
    }

    It 'made exactly one CreateSnapshots call, tagged at creation, as the Snapshot-role principal' {
        $Create | Should -HaveCount 1
        $Create[0].Outcome | Should -Be 'Success'
        $Create[0].Parameters['InstanceSpecification.InstanceId'] | Should -Be $Seed.Web1
        $Create[0].Parameters['CopyTagsFromSource'] | Should -Be 'volume'
        $Create[0].Parameters['TagSpecification.1.ResourceType'] | Should -Be 'snapshot'
        $tags = Get-TagSpecification $Create[0]
        $tags['Name'] | Should -Be $Set.Name
        $tags['cdp:managed-by'] | Should -Be 'CloudDesignPatterns'
        $tags['cdp:snapshot:policy'] | Should -Be 'nightly'
        $tags['cdp:snapshot:source-instance'] | Should -Be $Seed.Web1
        $tags['cdp:snapshot:set-id'] | Should -Be $Set.SetId
        @($Calls | Where-Object Action -eq CreateTags) | Should -HaveCount 0 -Because 'tags are applied by the create call itself'
        $Calls.Principal | Sort-Object -Unique | Should -Be $Principal.PrincipalArn
        $Calls.Outcome | Sort-Object -Unique | Should -Be 'Success'
    }

    It 'reads the set back through Get-PatternSnapshot, with the tags it was created with' {
        $read = @(Get-PatternSnapshot -SetId $Set.SetId @As)
        $read | Should -HaveCount 1
        $read[0].InstanceId | Should -Be $Seed.Web1
        $read[0].Policy | Should -Be 'nightly'
        $read[0].Name | Should -Be $Set.Name
        $read[0].DestinationRegion | Should -Be $Seed.DrRegion
        $read[0].Snapshots.SnapshotId | Sort-Object | Should -Be ($Set.Snapshots.SnapshotId | Sort-Object)
    }

    It 'carries the volumes'' own tags too (CopyTagsFromSource)' {
        $answer = Invoke-RawEc2 DescribeSnapshots @{ 'SnapshotId.1' = ($Set.Snapshots | Where-Object VolumeId -eq 'vol-0a1b2c3d4e5f60302').SnapshotId }
        $answer.StatusCode | Should -Be 200
        $tags = @{}
        foreach ($item in $answer.Xml.DescribeSnapshotsResponse.snapshotSet.item.tagSet.item) { $tags[$item.key] = $item.value }
        $tags['Backup'] | Should -Be 'yes' -Because 'the data volume is tagged Backup=yes'
        $tags['cdp:snapshot:set-id'] | Should -Be $Set.SetId
    }
}

Describe 'The whole nightly job on web-1' {
    It 'Get-PatternConfiguration -Self shows the snapshot settings' {
        $config = Get-PatternConfiguration -Self -Pattern snapshot @As
        $config.Policy | Should -Be 'nightly'
        $config.KeepGenerations | Should -Be 7
        $config.DestinationRegion | Should -Be $Seed.DrRegion
    }

    It 'New-PatternSnapshot -Self -Wait outputs a completed set carrying the DR region' {
        $set = New-PatternSnapshot -Self -Wait -TimeoutSec 60 @As
        $set.State | Should -Be 'Completed'
        $set.Snapshots.State | Sort-Object -Unique | Should -Be 'completed'
        $set.Snapshots.Progress | Sort-Object -Unique | Should -Be 100
        $set.DestinationRegion | Should -Be $Seed.DrRegion
        (Get-PatternSnapshot -SetId $set.SetId @As).State | Should -Be 'Completed'
    }

    It 'the output binds by property name to a command taking SetId, Region and DestinationRegion' {
        function Test-Binding {
            param([Parameter(ValueFromPipelineByPropertyName)] [string] $SetId,
                [Parameter(ValueFromPipelineByPropertyName)] [string] $Region,
                [Parameter(ValueFromPipelineByPropertyName)] [string] $DestinationRegion)
            process { "$SetId $Region $DestinationRegion" }
        }
        $set = New-PatternSnapshot -Self @As
        $set | Test-Binding | Should -Be "$($set.SetId) $($Seed.Region) $($Seed.DrRegion)"
    }
}

Describe 'New-PatternSnapshot -Image on db-1' {
    It 'makes an AMI without a reboot, named uniquely with the set id' {
        $mark = Get-CdpCallMark
        $set = New-PatternSnapshot -InstanceId $Seed.Db1 -Image -Policy weekly @As
        $set.Kind | Should -Be 'Image'
        $set.ImageId | Should -Match '^ami-[0-9a-f]+$'
        $set.Name | Should -Match "^weekly-$($Seed.Db1)-\d{8}-\d{6}-$($set.SetId)$"
        $set.Snapshots | Should -HaveCount 3
        $create = @(Get-StepCall $mark CreateImage)
        $create | Should -HaveCount 1
        $create[0].Parameters['NoReboot'] | Should -Be 'true'
        $create[0].Parameters['Name'] | Should -Be $set.Name
        (Get-TagSpecification $create[0])['cdp:snapshot:set-id'] | Should -Be $set.SetId
        @(Get-StepCall $mark CreateSnapshots) | Should -HaveCount 0
        (Get-PatternSnapshot -SetId $set.SetId @As).ImageId | Should -Be $set.ImageId
    }

    It 'reboots only with -Reboot' {
        $mark = Get-CdpCallMark
        $set = New-PatternSnapshot -InstanceId $Seed.Db1 -Image -Reboot -Policy weekly @As
        $set.Kind | Should -Be 'Image'
        (Get-StepCall $mark CreateImage)[0].Parameters['NoReboot'] | Should -Be 'false'
    }

    It 'refuses -Reboot without an AMI before any create call' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { New-PatternSnapshot -InstanceId $Seed.Web2 -Reboot -Policy nope @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'RebootNeedsImage*'
        @(Get-StepCall $mark 'Create*') | Should -HaveCount 0
    }
}

Describe 'New-PatternSnapshot -ExcludeBootVolume' {
    It 'snapshots only the data volume' {
        $mark = Get-CdpCallMark
        $set = New-PatternSnapshot -InstanceId $Seed.Web1 -ExcludeBootVolume -Policy data @As
        $set.Snapshots | Should -HaveCount 1
        $set.Snapshots[0].VolumeId | Should -Be 'vol-0a1b2c3d4e5f60302'
        $set.Snapshots[0].DeviceName | Should -Be '/dev/xvdf'
        (Get-StepCall $mark CreateSnapshots)[0].Parameters['InstanceSpecification.ExcludeBootVolume'] | Should -Be 'true'
    }
}

Describe 'New-PatternSnapshot -PreScript / -PostScript' {
    AfterEach { Set-PatternSandbox -ClearFaults }

    It 'runs the pre script before and the post script after the snapshot call' {
        $order = [System.Collections.Generic.List[string]]::new()
        $mark = Get-CdpCallMark
        $set = New-PatternSnapshot -Self -Policy scripted @As `
            -PreScript { $order.Add("pre $(Get-CdpCallMark)") }.GetNewClosure() `
            -PostScript { $order.Add("post $(Get-CdpCallMark)") }.GetNewClosure()
        $set | Should -HaveCount 1
        $order | Should -HaveCount 2
        $create = (Get-StepCall $mark CreateSnapshots)[0].Sequence
        [long]($order[0] -replace '^pre ') | Should -BeLessThan $create
        $order[0] | Should -BeLike 'pre *'
        $order[1] | Should -BeLike 'post *'
        [long]($order[1] -replace '^post ') | Should -BeGreaterOrEqual $create
    }

    It 'runs the post script even when CreateSnapshots fails' {
        Set-PatternSandbox -FailNext 10 -FaultAction CreateSnapshots
        $order = [System.Collections.Generic.List[string]]::new()
        $mark = Get-CdpCallMark
        $out = New-PatternSnapshot -Self -Policy failing @As -ErrorVariable failures -ErrorAction SilentlyContinue `
            -PreScript { $order.Add('pre') }.GetNewClosure() -PostScript { $order.Add('post') }.GetNewClosure()
        $out | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].TargetObject | Should -Be $Seed.Web1
        $order | Should -Be @('pre', 'post')
        $attempts = @(Get-StepCall $mark CreateSnapshots)
        $attempts.Count | Should -BeGreaterThan 1 -Because '5xx answers are retried before anything is reported'
        $attempts.Outcome | Sort-Object -Unique | Should -Not -Contain 'Success'
        @(Get-PatternSnapshot -Self -Policy failing @As) | Should -HaveCount 0
    }
}

Describe 'New-PatternSnapshot with several instances from the pipeline' {
    It 'backs up the known instances and reports the unknown one as an error of its own' {
        $unknown = 'i-0a1b2c3d4e5f69999'
        $mark = Get-CdpCallMark
        $sets = @($Seed.Web2, $unknown, $Seed.Db1 | New-PatternSnapshot -Policy fleet @As -ErrorVariable failures -ErrorAction SilentlyContinue)
        $sets | Should -HaveCount 2
        $sets.InstanceId | Sort-Object | Should -Be @($Seed.Web2, $Seed.Db1)
        ($sets | Where-Object InstanceId -eq $Seed.Db1).Kind | Should -Be 'Image' -Because 'db-1 is tagged cdp:snapshot:image=true'
        ($sets | Where-Object InstanceId -eq $Seed.Web2).Kind | Should -Be 'Snapshots'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike '*InvalidInstanceID.NotFound*'
        $failures[0].TargetObject | Should -Be $unknown
        @(Get-StepCall $mark DescribeInstances) | Should -HaveCount 1 -Because 'the instances are planned together'
    }

    It 'refuses a reserved -Tag key with InvalidTag before any AWS call' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { New-PatternSnapshot -InstanceId $Seed.Web1 -Tag @{ 'cdp:snapshot:policy' = 'x' } @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidTag,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'cdp:snapshot:policy'
        Get-StepCall $mark | Should -HaveCount 0
    }

    It 'refuses a malformed id before any AWS call' {
        $mark = Get-CdpCallMark
        $out = New-PatternSnapshot -InstanceId 'i-NOTANID' @As -ErrorVariable failures -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidInstanceId*'
        Get-StepCall $mark | Should -HaveCount 0
    }
}

Describe 'New-PatternSnapshot -WhatIf' {
    It 'reads the instance but makes no create call' {
        $mark = Get-CdpCallMark
        $out = New-PatternSnapshot -InstanceId $Seed.Web2 -Policy whatif -WhatIf @As
        $out | Should -BeNullOrEmpty
        $calls = Get-StepCall $mark
        @($calls | Where-Object Action -like 'Create*') | Should -HaveCount 0
        $calls.Action | Should -Contain 'DescribeInstances'
    }
}

Describe 'New-PatternSnapshot after an ambiguous failure' {
    AfterEach { Set-PatternSandbox -ClearFaults }

    It 'looks for its set id instead of making a second set when the answer to CreateSnapshots is lost' {
        Set-PatternSandbox -DropNext 1 -DropMode AfterExecute -FaultAction CreateSnapshots
        $mark = Get-CdpCallMark
        $set = New-PatternSnapshot -InstanceId $Seed.Web2 -Policy ambiguous @As -WarningVariable warnings -WarningAction SilentlyContinue
        $create = @(Get-StepCall $mark CreateSnapshots)
        $create | Should -HaveCount 1 -Because 'neither the SDK nor the module may resend a create whose outcome is unknown'
        $create[0].Outcome | Should -Be 'Dropped'
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike "*$($set.SetId)*"
        $all = @(Get-PatternSnapshot -InstanceId $Seed.Web2 -Policy ambiguous @As)
        $all | Should -HaveCount 1
        $all[0].SetId | Should -Be $set.SetId
        $all[0].Snapshots | Should -HaveCount 2 -Because 'one snapshot per volume, not two'
    }
}

Describe 'The Snapshot role cannot delete' {
    It 'has no delete or deregister action in its policy' {
        $SnapshotRole.Actions | Should -Not -Contain 'ec2:DeleteSnapshot'
        $SnapshotRole.Actions | Should -Not -Contain 'ec2:DeregisterImage'
        $SnapshotRole.Actions | Should -Contain 'ec2:CreateSnapshots'
    }

    It 'is denied DeleteSnapshot by the sandbox' {
        $victim = (Get-PatternSnapshot -Self @As | Select-Object -First 1).Snapshots[0].SnapshotId
        $answer = Invoke-RawEc2 DeleteSnapshot @{ SnapshotId = $victim } -AccessKey $Principal.AccessKeyId
        $answer.StatusCode | Should -Be 403
        $answer.Xml.Response.Errors.Error.Code | Should -Be 'UnauthorizedOperation'
        (Get-PatternSnapshot -Self @As).Snapshots.SnapshotId | Should -Contain $victim
    }
}

Describe 'Get-PatternSnapshot' {
    BeforeAll {
        # A snapshot made by hand (by the unchecked admin, without our tags): not ours.
        $answer = Invoke-RawEc2 CreateSnapshot @{ VolumeId = 'vol-0a1b2c3d4e5f60304'; Description = 'made by hand' }
        $script:Unmanaged = $answer.Xml.CreateSnapshotResponse.snapshotId
        $script:Web2Sets = @(New-PatternSnapshot -InstanceId $Seed.Web2 -Policy listing @As) +
            @(New-PatternSnapshot -InstanceId $Seed.Web2 -Policy listing @As)
    }

    It 'lists the sets of an instance newest first, from one filtered describe' {
        $mark = Get-CdpCallMark
        $sets = @(Get-PatternSnapshot -InstanceId $Seed.Web1 @As)
        $sets.Count | Should -BeGreaterOrEqual 3
        $sets.InstanceId | Sort-Object -Unique | Should -Be $Seed.Web1
        $times = @($sets.CreatedAt)
        $times | Should -Be @($times | Sort-Object -Descending)
        $describe = @(Get-StepCall $mark DescribeSnapshots)
        $describe | Should -HaveCount 1
        $filters = $describe[0].Parameters
        $filters.Values | Should -Contain 'tag:cdp:snapshot:source-instance'
        $filters.Values | Should -Contain $Seed.Web1
    }

    It 'puts the newest set first' {
        $sets = @(Get-PatternSnapshot -InstanceId $Seed.Web2 -Policy listing @As)
        $sets | Should -HaveCount 2
        $sets[0].CreatedAt | Should -BeGreaterOrEqual $sets[1].CreatedAt
        $sets.SetId | Should -Contain $Web2Sets[0].SetId
        $sets.SetId | Should -Contain $Web2Sets[1].SetId
    }

    It 'reads several instances in one DescribeSnapshots, never one per instance' {
        $mark = Get-CdpCallMark
        $sets = @(Get-PatternSnapshot -InstanceId $Seed.Web1, $Seed.Web2, $Seed.Db1 @As)
        $sets.InstanceId | Sort-Object -Unique | Should -Be @($Seed.Web1, $Seed.Web2, $Seed.Db1)
        $describe = @(Get-StepCall $mark DescribeSnapshots)
        $describe | Should -HaveCount 1
        $describe[0].Parameters.Values | Should -Contain $Seed.Web1
        $describe[0].Parameters.Values | Should -Contain $Seed.Web2
        $describe[0].Parameters.Values | Should -Contain $Seed.Db1
        @(Get-StepCall $mark DescribeImages) | Should -HaveCount 1
    }

    It '-Self lists the sets of the current instance' {
        $self = @(Get-PatternSnapshot -Self @As)
        $byId = @(Get-PatternSnapshot -InstanceId $Seed.Web1 @As)
        $self.SetId | Should -Be $byId.SetId
    }

    It '-Self in another region lists this instance''s sets there (the DR copies), read-only, by its own id' {
        $mark = Get-CdpCallMark
        $dr = @(Get-PatternSnapshot -Self -Region $Seed.DrRegion @As)
        @($dr | Where-Object InstanceId -ne $Seed.Web1) | Should -HaveCount 0
        @($dr | Where-Object Region -ne $Seed.DrRegion) | Should -HaveCount 0
        @(Get-StepCall $mark DescribeSnapshots | Where-Object Region -eq $Seed.DrRegion).Count | Should -BeGreaterThan 0
    }

    It '-Policy narrows to one policy' {
        $sets = @(Get-PatternSnapshot -Policy weekly @As)
        $sets | Should -HaveCount 2
        $sets.Policy | Sort-Object -Unique | Should -Be 'weekly'
        $sets.Kind | Sort-Object -Unique | Should -Be 'Image'
    }

    It '-SetId returns exactly those sets' {
        $sets = @(Get-PatternSnapshot -SetId $Web2Sets[0].SetId, $Web2Sets[1].SetId @As)
        $sets.SetId | Sort-Object | Should -Be (@($Web2Sets.SetId) | Sort-Object)
        @(Get-PatternSnapshot -SetId 'ss-0000000000000000' @As) | Should -HaveCount 0
    }

    It 'shows snapshots not made by the module only with -IncludeUnmanaged, each as a set of its own' {
        $Unmanaged | Should -Match '^snap-'
        (Get-PatternSnapshot @As).SetId | Should -Not -Contain $Unmanaged
        (Get-PatternSnapshot @As).Managed | Sort-Object -Unique | Should -Be $true
        $all = @(Get-PatternSnapshot -IncludeUnmanaged @As)
        $mine = @($all | Where-Object SetId -eq $Unmanaged)
        $mine | Should -HaveCount 1
        $mine[0].Managed | Should -BeFalse
        $mine[0].Snapshots.SnapshotId | Should -Be $Unmanaged
        $all.Snapshots.SnapshotId | Should -Not -Contain 'snap-0a1b2c3d4e5f60601' -Because 'the seeded AMI snapshot belongs to Amazon, not to this account'
        $times = @($all.CreatedAt)
        $times | Should -Be @($times | Sort-Object -Descending)
    }

    It 'refuses a malformed instance id before any call' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Get-PatternSnapshot -InstanceId 'vol-0a1b2c3d4e5f60301' @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidInstanceId*'
        Get-StepCall $mark | Should -HaveCount 0
    }

    It 'reports a malformed instance id as a non-terminating error and still lists the valid one (as New and Remove do)' {
        $sets = @(Get-PatternSnapshot -InstanceId 'i-NOTANID', $Seed.Web1 @As -ErrorVariable failures -ErrorAction SilentlyContinue)
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidInstanceId,*'
        $failures[0].TargetObject | Should -Be 'i-NOTANID'
        $sets.Count | Should -BeGreaterThan 0
        $sets.InstanceId | Sort-Object -Unique | Should -Be $Seed.Web1
    }

    It 'lists nothing (never every set) when every instance id is malformed' {
        $mark = Get-CdpCallMark
        $sets = @(Get-PatternSnapshot -InstanceId 'i-NOTANID' @As -ErrorVariable failures -ErrorAction SilentlyContinue)
        $sets | Should -HaveCount 0
        $failures | Should -HaveCount 1
        Get-StepCall $mark | Should -HaveCount 0
    }
}

Describe 'Failures a scheduled job must see' {
    BeforeAll {
        # The nightly wrapper exactly as docs/patterns/snapshot.md shows it.
        $doc = Get-Content -Raw (Join-Path $PSScriptRoot '../docs/patterns/snapshot.md')
        $script:Wrapper = [regex]::Match($doc, '(?s)```powershell\n(#!/usr/bin/env pwsh\n# Nightly backup.*?)```').Groups[1].Value

        # Runs the wrapper in a fresh pwsh pointed at this sandbox, signed as the Snapshot-role principal; returns the exit code.
        # The wrapper as published, copy stage included: a missing Copy-PatternSnapshot fails the job, and so this test.
        function script:Invoke-Wrapper {
            $file = Join-Path ([IO.Path]::GetTempPath()) "cdp-nightly-$([guid]::NewGuid().ToString('n')).ps1"
            Set-Content -Path $file -Value $Wrapper -Encoding utf8
            $saved = @{}
            $childEnv = @{
                AWS_ENDPOINT_URL      = $Sandbox.EndpointUrl
                AWS_REGION            = $Seed.Region
                AWS_ACCESS_KEY_ID     = $Principal.AccessKeyId
                AWS_SECRET_ACCESS_KEY = $Principal.SecretAccessKey
                PSModulePath          = (Split-Path -Parent $env:CDP_MODULE_PATH) + [IO.Path]::PathSeparator + $env:PSModulePath
            }
            try {
                foreach ($name in $childEnv.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $childEnv[$name]) }
                $pwsh = Get-CdpPwshCommand
                $script:WrapperOutput = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file 2>&1 | Out-String
                $LASTEXITCODE
            }
            finally {
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
                Remove-Item $file -ErrorAction SilentlyContinue
            }
        }
    }
    AfterEach { Set-PatternSandbox -ClearFaults }

    It 'a single unknown instance is an error, also with -WhatIf (never silence)' {
        $unknown = 'i-0a1b2c3d4e5f69998'
        New-PatternSnapshot -InstanceId $unknown @As -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike '*InvalidInstanceID.NotFound*'
        New-PatternSnapshot -InstanceId $unknown -WhatIf @As -ErrorVariable planned -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $planned | Should -HaveCount 1
    }

    It 'with -ErrorAction Stop, the known instances are still backed up before the unknown one stops the command' {
        $before = @(Get-PatternSnapshot -InstanceId $Seed.Web2 -Policy stopping @As).Count
        $err = Get-CdpError { 'i-0a1b2c3d4e5f69997', $Seed.Web2 | New-PatternSnapshot -Policy stopping -ErrorAction Stop @As }
        $err.FullyQualifiedErrorId | Should -BeLike '*InvalidInstanceID.NotFound*'
        @(Get-PatternSnapshot -InstanceId $Seed.Web2 -Policy stopping @As).Count | Should -Be ($before + 1)
    }

    It 'the documented nightly wrapper exits 1 when the snapshot fails' {
        $Wrapper | Should -Match 'exit 1'
        Set-PatternSandbox -FailNext 10 -FaultAction CreateSnapshots
        $mark = Get-CdpCallMark
        Invoke-Wrapper | Should -Be 1 -Because $WrapperOutput
        $attempts = @(Get-StepCall $mark CreateSnapshots)
        $attempts.Count | Should -BeGreaterThan 0 -Because 'the job got as far as the snapshot call'
        $attempts.Outcome | Should -Not -Contain 'Success'
        $WrapperOutput | Should -Match 'InternalError'
    }

    It 'the documented nightly wrapper exits 0 when the backup succeeds (copy stage only when Copy-PatternSnapshot exists)' {
        $mark = Get-CdpCallMark
        Invoke-Wrapper | Should -Be 0 -Because $WrapperOutput
        @(Get-StepCall $mark CreateSnapshots).Outcome | Should -Be 'Success'
    }

}

Describe 'docs/patterns/snapshot.md' {
    It 'shows the runbook sample tests/SnapshotRunbook.Tests.ps1 verbatim' {
        $doc = (Get-Content -Raw (Join-Path $PSScriptRoot '../docs/patterns/snapshot.md')) -replace "`r`n", "`n"
        $runbook = (Get-Content -Raw (Join-Path $PSScriptRoot 'SnapshotRunbook.Tests.ps1')) -replace "`r`n", "`n"
        $doc.Contains("``````powershell`n$runbook``````") | Should -BeTrue
    }
}

Describe 'New-PatternSnapshot -InstanceId and Get-PatternConfiguration -InstanceId read one configuration (issue 17 items 2, 3)' {
    It 'takes the DR region from user data by id, as Get-PatternConfiguration shows it' {
        $shown = Get-PatternConfiguration -InstanceId $Seed.Web1 -Pattern snapshot @As -ErrorAction Stop
        $shown.DestinationRegion | Should -Be $Seed.DrRegion -Because 'web-1 carries cdp:snapshot:destination-region in its user data'
        $mark = Get-CdpCallMark
        $set = New-PatternSnapshot -InstanceId $Seed.Web1 -Policy byid @As -ErrorAction Stop
        $set.DestinationRegion | Should -Be $shown.DestinationRegion
        $create = @(Get-StepCall $mark CreateSnapshots)
        $create | Should -HaveCount 1
        (Get-TagSpecification $create[0])['cdp:snapshot:destination-region'] | Should -Be $Seed.DrRegion
        @(Get-StepCall $mark DescribeInstanceAttribute).Parameters.Attribute | Should -Be @('userData')
    }

    It 'is not blocked by a broken setting it does not use (cdp:snapshot:keep-generations=seven)' {
        (Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $Seed.Batch1; 'Tag.1.Key' = 'cdp:snapshot:keep-generations'; 'Tag.1.Value' = 'seven' }).StatusCode | Should -Be 200
        try {
            $set = New-PatternSnapshot -InstanceId $Seed.Batch1 -Policy brokentag @As -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 0
            $set.InstanceId | Should -Be $Seed.Batch1
            $set.Snapshots | Should -HaveCount 1
        }
        finally { Invoke-RawEc2 DeleteTags @{ 'ResourceId.1' = $Seed.Batch1; 'Tag.1.Key' = 'cdp:snapshot:keep-generations' } | Out-Null }
    }

    It 'still refuses a broken setting it does use (cdp:snapshot:image=maybe), for that instance only' {
        (Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $Seed.Batch1; 'Tag.1.Key' = 'cdp:snapshot:image'; 'Tag.1.Value' = 'maybe' }).StatusCode | Should -Be 200
        try {
            $out = New-PatternSnapshot -InstanceId $Seed.Batch1 -Policy brokenimage @As -ErrorVariable failures -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidConfigurationValue*'
        }
        finally { Invoke-RawEc2 DeleteTags @{ 'ResourceId.1' = $Seed.Batch1; 'Tag.1.Key' = 'cdp:snapshot:image' } | Out-Null }
    }
}
