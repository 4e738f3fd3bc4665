#Requires -Version 7.0
# Issue 17: a set that ends up with more snapshots than volumes (a create EC2 carried out twice) is Overfull, not
# Completed. The scene is made as in real life: New-PatternSnapshot makes a set of web-1's two volumes, then the
# sandbox admin sends a raw CreateSnapshot for one of those volumes, tagged with the set's own tags. Each cmdlet runs
# as a principal holding exactly its published role; the sandbox's state is read back as the admin.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -SnapshotDelaySeconds 1 -ErrorAction Stop
    $script:AsSnapshot = (Register-CdpPrincipal -AccessKeyId AKIDOVERSNAP -Policy (Get-PatternIamPolicy Snapshot Snapshot)).Splat
    $script:AsRestore = (Register-CdpPrincipal -AccessKeyId AKIDOVERRESTORE -Policy (Get-PatternIamPolicy Snapshot SnapshotRestore)).Splat
    $script:AsRotation = (Register-CdpPrincipal -AccessKeyId AKIDOVERROT -Policy (Get-PatternIamPolicy Snapshot SnapshotRotation)).Splat

    # A raw Query call as the unchecked sandbox admin.
    function script:Invoke-AdminEc2([string] $Action, [hashtable] $Parameters = @{}, [string] $Region = $Seed.Region) {
        $pairs = @("Action=$Action", 'Version=2016-11-15') + @($Parameters.GetEnumerator() | ForEach-Object {
                [uri]::EscapeDataString($_.Key) + '=' + [uri]::EscapeDataString([string]$_.Value) })
        $date = [DateTime]::UtcNow
        $headers = @{
            Authorization = "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXADMIN/$($date.ToString('yyyyMMdd'))/$Region/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
            'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
        }
        [xml](Invoke-WebRequest -Uri $Sandbox.EndpointUrl -Method Post -Body ($pairs -join '&') -Headers $headers `
                -ContentType 'application/x-www-form-urlencoded; charset=utf-8' -SkipHeaderValidation).Content
    }

    # Ids of the snapshots carrying a tag, as the sandbox holds them.
    function script:Get-TaggedSnapshotId([string] $Key, [string] $Value, [string] $Region = $Seed.Region) {
        $xml = Invoke-AdminEc2 DescribeSnapshots @{ 'Filter.1.Name' = "tag:$Key"; 'Filter.1.Value.1' = $Value } -Region $Region
        @($xml.GetElementsByTagName('snapshotId') | ForEach-Object InnerText | Sort-Object -Unique)
    }

    # A completed set of web-1, then a second snapshot of its first volume carrying the set's tags: over-full.
    function script:New-OverfullSet([string] $Policy) {
        $set = New-PatternSnapshot -InstanceId $Seed.Web1 -Policy $Policy -Wait @AsSnapshot -ErrorAction Stop
        $original = $set.Snapshots[0]
        $described = Invoke-AdminEc2 DescribeSnapshots @{ 'SnapshotId.1' = $original.SnapshotId }
        $tags = @($described.DescribeSnapshotsResponse.snapshotSet.item.tagSet.item)
        $create = @{ VolumeId = $original.VolumeId; 'TagSpecification.1.ResourceType' = 'snapshot' }
        for ($n = 0; $n -lt $tags.Count; $n++) {
            $create["TagSpecification.1.Tag.$($n + 1).Key"] = $tags[$n].key
            $create["TagSpecification.1.Tag.$($n + 1).Value"] = $tags[$n].value
        }
        $extra = (Invoke-AdminEc2 CreateSnapshot $create).CreateSnapshotResponse.snapshotId
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while ((Get-PatternSnapshot -SetId $set.SetId @AsSnapshot -WarningAction SilentlyContinue).State -eq 'Pending' -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 250
        }
        # The set lists its snapshots by device, then id: the volume's two in id order.
        $pair = @($original.SnapshotId, $extra) | Sort-Object
        [pscustomobject]@{
            SetId = $set.SetId; VolumeId = $original.VolumeId; Extra = $extra
            Named = "2 of $($original.VolumeId) ($($pair -join ', '))"
            All = @(@($set.Snapshots.SnapshotId) + $extra | Sort-Object)
        }
    }
}

AfterAll { Stop-CdpSandbox }

Describe 'A set with a volume in it twice' {
    BeforeAll { $script:Over = New-OverfullSet -Policy overfull }

    It 'is really over-full in the sandbox: three snapshots of two volumes under one set id' {
        Get-TaggedSnapshotId 'cdp:snapshot:set-id' $Over.SetId | Should -Be $Over.All
    }

    It 'Get-PatternSnapshot reports it as Overfull with all three snapshots, and names the volume in it twice' {
        $set = Get-PatternSnapshot -SetId $Over.SetId @AsSnapshot -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        $set.State | Should -Be 'Overfull'
        $set.Snapshots.SnapshotId | Sort-Object | Should -Be $Over.All
        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike "*set $($Over.SetId) holds 3 snapshots of 2 volume(s), $($Over.Named).*"
        # The default table shows the state beside the snapshot count.
        ($set | Out-String -Width 300) | Should -Match "$($Over.SetId).*Overfull.*\s3\s"
    }

    It 'Copy-PatternSnapshot refuses it, naming the duplicate, and copies nothing' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Copy-PatternSnapshot -SetId $Over.SetId -DestinationRegion $Seed.DrRegion @AsSnapshot -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'SnapshotSetOverfull,*'
        $err.Exception.Message | Should -BeLike "*$($Over.Named).*copy*refused*"
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -eq CopySnapshot) | Should -HaveCount 0
        Get-TaggedSnapshotId 'cdp:snapshot:source-set' $Over.SetId -Region $Seed.DrRegion | Should -BeNullOrEmpty
    }

    It 'Restore-PatternSnapshot refuses it, naming the duplicate, and creates no volume' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Restore-PatternSnapshot -SetId $Over.SetId @AsRestore -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'SnapshotSetOverfull,*'
        $err.Exception.Message | Should -BeLike "*$($Over.Named).*restore*refused*"
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -in CreateVolume, AttachVolume) | Should -HaveCount 0
    }

    It 'rotation counts it as one generation, and removing it deletes all three snapshots' {
        Start-Sleep -Milliseconds 20   # the newer set must start later, whatever the clock's resolution
        $newer = New-PatternSnapshot -InstanceId $Seed.Web1 -Policy overfull -Wait @AsSnapshot -ErrorAction Stop

        # Keep 2: the newer set and the over-full one are the two generations; nothing goes.
        $kept = @(Remove-PatternSnapshot -InstanceId $Seed.Web1 -Policy overfull -KeepGenerations 2 -PassThru -Force @AsRotation -ErrorAction Stop)
        $kept.Action | Sort-Object -Unique | Should -Be 'Kept'
        ($kept | Where-Object SetId -eq $Over.SetId).Reason | Should -Be 'Generation 2 of 2.'

        $mark = Get-CdpCallMark
        $removed = @(Remove-PatternSnapshot -InstanceId $Seed.Web1 -Policy overfull -KeepGenerations 1 -Force @AsRotation -ErrorAction Stop)
        $removed.SetId | Should -Be @($Over.SetId)
        $removed.Action | Should -Be 'Removed'
        $removed.SnapshotIds | Sort-Object | Should -Be $Over.All
        $deleted = @(Get-CdpCallSince -Mark $mark | Where-Object { $_.Action -eq 'DeleteSnapshot' -and $_.Outcome -eq 'Success' } | ForEach-Object { $_.Parameters['SnapshotId'] })
        $deleted | Sort-Object | Should -Be $Over.All
        Get-TaggedSnapshotId 'cdp:snapshot:set-id' $Over.SetId | Should -BeNullOrEmpty
        Get-TaggedSnapshotId 'cdp:snapshot:set-id' $newer.SetId | Should -Be @($newer.Snapshots.SnapshotId | Sort-Object)
    }
}
