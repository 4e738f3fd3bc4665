#Requires -Version 7.0
# Issue 17: a 5xx does not say whether EC2 acted. The sandbox's -FailMode AfterExecute makes the create, then answers
# 500 InternalError; every create of the Snapshot pattern must end with exactly one resource, named in its result.
# Batch-1 has one volume, so "one resource" is one snapshot, one image, one copy, one volume or one instance.
# Each create runs as a principal holding exactly the published role; the sandbox's state is read as the admin.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -SnapshotDelaySeconds 1 -ErrorAction Stop
    $script:AsSnapshot = (Register-CdpPrincipal -AccessKeyId AKIDAFTERSNAP -Policy (Get-PatternIamPolicy Snapshot Snapshot)).Splat
    $script:AsRestore = (Register-CdpPrincipal -AccessKeyId AKIDAFTERRESTORE -Policy (Get-PatternIamPolicy Snapshot SnapshotRestore)).Splat

    function script:Get-StepCall([long] $Mark, [string] $Action) { @(Get-CdpCallSince -Mark $Mark | Where-Object Action -eq $Action) }

    # Ids of the resources carrying a tag, read as the unchecked admin through a raw Query call.
    function script:Get-TaggedId([string] $Action, [string] $Element, [string] $Key, [string] $Value, [string] $Region = $Seed.Region) {
        $body = "Action=$Action&Version=2016-11-15&Filter.1.Name=$([uri]::EscapeDataString("tag:$Key"))&Filter.1.Value.1=$([uri]::EscapeDataString($Value))"
        $date = [DateTime]::UtcNow
        $headers = @{
            Authorization = "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXADMIN/$($date.ToString('yyyyMMdd'))/$Region/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
            'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
        }
        $xml = [xml](Invoke-WebRequest -Uri $Sandbox.EndpointUrl -Method Post -Body $body -Headers $headers `
                -ContentType 'application/x-www-form-urlencoded; charset=utf-8' -SkipHeaderValidation).Content
        @($xml.GetElementsByTagName($Element) | ForEach-Object InnerText | Sort-Object -Unique)
    }

    function script:Set-AfterExecuteFault([string] $Action) { Set-PatternSandbox -FailNext 1 -FailMode AfterExecute -FaultAction $Action }
}

AfterAll { Stop-CdpSandbox }

Describe 'Set-PatternSandbox -FailMode AfterExecute' {
    AfterEach { Set-PatternSandbox -ClearFaults }

    It 'is kept with the -FailNext fault (the creates below prove the action ran before the 500)' {
        Set-AfterExecuteFault CreateSnapshots
        $faults = Invoke-RestMethod -Uri ($Sandbox.EndpointUrl.TrimEnd('/') + '/_sandbox/faults')
        $faults.serverErrors.mode | Should -Be 'AfterExecute'
        $faults.serverErrors.action | Should -Be 'CreateSnapshots'
        $faults.serverErrors.count | Should -Be 1
    }

    It 'is refused for a mode it does not know, before the sandbox is changed' {
        { Set-PatternSandbox -FailNext 1 -FailMode Sometimes } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'A 5xx after the create took effect never makes a second resource' {
    AfterEach { Set-PatternSandbox -ClearFaults }

    It 'CreateSnapshots: one set with one snapshot, found by its set id' {
        Set-AfterExecuteFault CreateSnapshots
        $mark = Get-CdpCallMark
        $set = New-PatternSnapshot -InstanceId $Seed.Batch1 -Policy after5xx @AsSnapshot -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        $calls = Get-StepCall $mark CreateSnapshots
        $calls.Outcome | Should -Be @('InternalError') -Because 'the set was found, so the create is not sent again'
        "$warnings" | Should -BeLike "*InternalError*$($set.SetId)*"
        $set.Snapshots | Should -HaveCount 1
        Get-TaggedId DescribeSnapshots snapshotId 'cdp:snapshot:set-id' $set.SetId | Should -Be @($set.Snapshots[0].SnapshotId)
        $script:SnapshotSet = $set
    }

    It 'CreateImage: one image, found by its set tag' {
        Set-AfterExecuteFault CreateImage
        $mark = Get-CdpCallMark
        $set = New-PatternSnapshot -InstanceId $Seed.Batch1 -Policy after5xximage -Image -Wait @AsSnapshot -WarningAction SilentlyContinue -ErrorAction Stop
        (Get-StepCall $mark CreateImage).Outcome | Should -Be @('InternalError')
        $set.ImageId | Should -Not -BeNullOrEmpty
        Get-TaggedId DescribeImages imageId 'cdp:snapshot:set-id' $set.SetId | Should -Be @($set.ImageId)
        $script:ImageSet = $set
    }

    It 'CopySnapshot: one copy, found by its source-snapshot tag' {
        Set-AfterExecuteFault CopySnapshot
        $mark = Get-CdpCallMark
        $copy = Copy-PatternSnapshot -SetId $SnapshotSet.SetId -DestinationRegion $Seed.DrRegion @AsSnapshot -WarningAction SilentlyContinue -ErrorAction Stop
        (Get-StepCall $mark CopySnapshot).Outcome | Should -Be @('InternalError')
        $copy.Snapshots | Should -HaveCount 1
        Get-TaggedId DescribeSnapshots snapshotId 'cdp:snapshot:source-set' $SnapshotSet.SetId -Region $Seed.DrRegion |
            Should -Be @($copy.Snapshots[0].SnapshotId)
    }

    It 'CreateVolume: one volume, the retry carries the same ClientToken' {
        Set-AfterExecuteFault CreateVolume
        $mark = Get-CdpCallMark
        $result = Restore-PatternSnapshot -SetId $SnapshotSet.SetId @AsRestore -ErrorAction Stop
        $calls = Get-StepCall $mark CreateVolume
        $calls.Outcome | Should -Be @('InternalError', 'Success')
        $calls[0].Parameters['ClientToken'] | Should -Not -BeNullOrEmpty
        $calls[1].Parameters['ClientToken'] | Should -Be $calls[0].Parameters['ClientToken']
        $result.Volumes | Should -HaveCount 1
        Get-TaggedId DescribeVolumes volumeId 'cdp:snapshot:source-set' $SnapshotSet.SetId | Should -Be @($result.Volumes[0].VolumeId)
    }

    It 'RunInstances: one instance, the retry carries the same ClientToken' {
        Set-AfterExecuteFault RunInstances
        $mark = Get-CdpCallMark
        $result = Restore-PatternSnapshot -SetId $ImageSet.SetId @AsRestore -ErrorAction Stop
        $calls = Get-StepCall $mark RunInstances
        $calls.Outcome | Should -Be @('InternalError', 'Success')
        $calls[1].Parameters['ClientToken'] | Should -Be $calls[0].Parameters['ClientToken']
        $result.InstanceId | Should -Not -BeNullOrEmpty
        Get-TaggedId DescribeInstances instanceId 'cdp:snapshot:source-set' $ImageSet.SetId | Should -Be @($result.InstanceId)
    }
}
