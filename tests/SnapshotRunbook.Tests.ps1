#Requires -Version 7.0
# Runbook: "can we restore last night's backup?" — finds the newest completed set of an instance, restores it into new
# volumes and checks them. It runs in CI against the sandbox; against AWS, drop the two sandbox lines marked SANDBOX
# and give -Region/-ProfileName (or the instance role) to the cmdlets instead of the principals' keys.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:InstanceId = $Seed.Web1
    $script:Policy = 'nightly'
    $script:Zone = 'ap-northeast-1a'

    Start-PatternSandbox -SnapshotDelaySeconds 1 -ErrorAction Stop | Out-Null                                 # SANDBOX
    # Each job runs with its own least-privilege role: the host backs up, the runbook only reads and restores.
    $script:AsBackup = (Register-CdpPrincipal -AccessKeyId AKIDRUNBOOKBACKUP -Policy (Get-PatternIamPolicy Snapshot Snapshot)).Splat
    $script:AsRestore = (Register-CdpPrincipal -AccessKeyId AKIDRUNBOOKRESTORE -Policy (Get-PatternIamPolicy Snapshot SnapshotRestore)).Splat
    New-PatternSnapshot -InstanceId $InstanceId -Policy $Policy -Wait @AsBackup | Out-Null                       # SANDBOX: last night's run

    $script:Newest = Get-PatternSnapshot -InstanceId $InstanceId -Policy $Policy @AsRestore |
        Where-Object State -eq Completed | Select-Object -First 1   # the output is newest first
}

AfterAll { Stop-PatternSandbox -ErrorAction SilentlyContinue }

Describe 'Restore drill for the newest nightly backup' {
    It 'has a completed backup from the last 26 hours' {
        $Newest | Should -Not -BeNullOrEmpty
        $Newest.CreatedAt | Should -BeGreaterThan ([DateTime]::UtcNow.AddHours(-26))
        $Newest.Snapshots.Count | Should -BeGreaterThan 0
        $Newest.Snapshots.DeviceName | Should -Not -Contain $null -Because 'a restore reattaches each volume at its device'
    }

    It 'restores every volume of the set, with its size, and the volumes become available' {
        $restored = $Newest | Restore-PatternSnapshot -AvailabilityZone $Zone -Wait -Confirm:$false @AsRestore
        $restored.SetId | Should -Be $Newest.SetId
        $restored.AvailabilityZone | Should -Be $Zone
        $restored.Volumes | Should -HaveCount $Newest.Snapshots.Count
        foreach ($snapshot in $Newest.Snapshots) {
            $volume = $restored.Volumes | Where-Object SnapshotId -eq $snapshot.SnapshotId
            $volume | Should -HaveCount 1 -Because "snapshot $($snapshot.SnapshotId) must be restored once"
            $volume.SizeGiB | Should -Be $snapshot.SizeGiB
            $volume.State | Should -Be 'available'
        }
    }
}
