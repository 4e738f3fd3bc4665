#Requires -Version 7.0
# Register-/Get-/Unregister-PatternSchedule -Scope Fleet against the sandbox's State Manager, run as a principal holding
# EXACTLY the published Schedule role (Get-PatternIamPolicy Schedule), so least privilege is proven, not claimed. The
# association is then run now (Set-PatternSandbox -RunAssociation): every target instance runs the job in a child pwsh
# with its own instance metadata and role, so the fleet backup really happens and is read back with Get-PatternSnapshot.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -SnapshotDelaySeconds 1 -ErrorAction Stop
    $script:Role = Get-PatternIamPolicy Schedule Schedule
    $script:As = (Register-CdpPrincipal -AccessKeyId AKIDSCHEDULEROLE -Policy $Role).Splat
    # Reading what each run printed (ssm:GetCommandInvocation) is the ScheduleReader role's alone.
    $script:ReadAs = (Register-CdpPrincipal -AccessKeyId AKIDSCHEDULEREADER -Policy (Get-PatternIamPolicy Schedule ScheduleReader)).Splat
    # The instances back themselves up under their own role, which holds the Snapshot role and nothing of Schedule's.
    Get-PatternIamPolicy Snapshot Snapshot | Set-PatternSandbox -RoleName $Seed.WebRoleName
    $script:ModuleSource = Get-CdpModuleManifest
    $script:Command = { New-PatternSnapshot -Self -Wait }

    function script:Register-Fleet([string] $Name, [string] $Tag = 'Role=web', [string] $Schedule = 'cron(0 2 * * ? *)', [hashtable] $Extra = @{}) {
        Register-PatternSchedule -Pattern Snapshot -Name $Name -Command $Command -Schedule $Schedule -Scope Fleet -TargetTag $Tag `
            -ModuleSource $ModuleSource -Confirm:$false @As @Extra
    }
    function script:Get-SsmCall([long] $Mark) { @(Get-CdpCallSince -Mark $Mark | Where-Object Service -in 'ssm', 'ec2') }
    function script:Get-CallLine([long] $Mark) { @(Get-SsmCall $Mark | ForEach-Object { "$($_.Service):$($_.Action)" }) }
    function script:Remove-AllFleet { Get-PatternSchedule -Scope Fleet @As -WarningAction SilentlyContinue | Unregister-PatternSchedule -Force @As | Out-Null }
}

AfterAll { Stop-CdpSandbox }

Describe 'Register-PatternSchedule -Scope Fleet' {
    AfterAll { Remove-AllFleet }

    It 'creates one association running AWS-RunPowerShellScript on the tagged instances, and reads it back' {
        $mark = Get-CdpCallMark
        $schedule = Register-Fleet -Name 'web-nightly' -Extra @{ MaxConcurrency = '1'; MaxErrors = '0' }

        $schedule | Should -BeOfType ([CloudDesignPatterns.Model.Schedules.PatternSchedule])
        $schedule.Action | Should -Be 'Created'
        $schedule.Scope | Should -Be 'Fleet'
        $schedule.Backend | Should -Be 'StateManager'
        $schedule.AssociationId | Should -Match '^[0-9a-f-]{36}$'
        $schedule.TargetTag | Should -Be 'Role=web'
        $schedule.MaxConcurrency | Should -Be '1'
        $schedule.MaxErrors | Should -Be '0'
        $schedule.Region | Should -Be $Seed.Region
        Get-CallLine $mark | Should -Be @('ssm:ListAssociations', 'ec2:DescribeInstances', 'ssm:CreateAssociation', 'ssm:DescribeAssociation')
        $create = (Get-SsmCall $mark | Where-Object Action -eq CreateAssociation)
        $create.Outcome | Should -Be 'Success'
        $create.Parameters.Name | Should -Be 'AWS-RunPowerShellScript'
        $create.Parameters.AssociationName | Should -Be 'cdp-web-nightly'
        $create.Parameters.ScheduleExpression | Should -Be 'cron(0 2 * * ? *)'
        ($create.Parameters.Targets | ConvertFrom-Json).Key | Should -Be 'tag:Role'
        $commands = ($create.Parameters.Parameters | ConvertFrom-Json).commands
        $commands | Should -Contain "Import-Module '$ModuleSource'"
        $commands[-1] | Should -Be "exit (Invoke-PatternJob -Name 'web-nightly' -Command `$command).ExitCode"
        # A cron association runs at its times only: registering does not start a run.
        $create.Parameters.ApplyOnlyAtCronInterval | Should -Be 'true'
        (Get-PatternSchedule -Scope Fleet -Name 'web-nightly' @ReadAs).LastRunStatus | Should -BeNullOrEmpty
    }

    It 'a rate job cannot take ApplyOnlyAtCronInterval, so State Manager starts it once at registration (Pending in the sandbox)' {
        $mark = Get-CdpCallMark
        Register-Fleet -Name 'rate-job' -Schedule 'rate(1 day)' | Out-Null
        $create = Get-SsmCall $mark | Where-Object Action -eq CreateAssociation
        $create.Parameters.Keys | Should -Not -Contain 'ApplyOnlyAtCronInterval'
        $read = Get-PatternSchedule -Scope Fleet -Name 'rate-job' @ReadAs
        $read.LastRunStatus | Should -Be 'Pending'
        $read.LastRun | Should -BeNullOrEmpty
        Unregister-PatternSchedule -Scope Fleet -Name 'rate-job' -Confirm:$false @As | Out-Null
    }

    It 'changes nothing when the same definition is registered again' {
        $mark = Get-CdpCallMark
        $again = Register-Fleet -Name 'web-nightly' -Extra @{ MaxConcurrency = '1'; MaxErrors = '0' }
        $again.Action | Should -Be 'Unchanged'
        Get-CallLine $mark | Where-Object { $_ -like '*Create*' -or $_ -like '*Update*' } | Should -BeNullOrEmpty
        @(Get-PatternSchedule -Scope Fleet @As).Count | Should -Be 1
    }

    It 'refuses another definition under the same name (ScheduleExistsWithOtherDefinition) without -Force, and updates it with -Force' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Register-Fleet -Name 'web-nightly' -Schedule 'cron(0 3 * * ? *)' }
        $err.FullyQualifiedErrorId | Should -BeLike 'ScheduleExistsWithOtherDefinition,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'ResourceExists'
        $err.Exception.Message | Should -BeLike "*schedule 'cron(0 2 * * ? *)' → 'cron(0 3 * * ? *)'*-Force*"
        Get-CallLine $mark | Should -Be @('ssm:ListAssociations', 'ssm:DescribeAssociation')

        $mark = Get-CdpCallMark
        $updated = Register-Fleet -Name 'web-nightly' -Schedule 'cron(0 3 * * ? *)' -Extra @{ Force = $true; MaxConcurrency = '1'; MaxErrors = '0' }
        $updated.Action | Should -Be 'Updated'
        $updated.Schedule | Should -Be 'cron(0 3 * * ? *)'
        Get-CallLine $mark | Should -Be @('ssm:ListAssociations', 'ssm:DescribeAssociation', 'ec2:DescribeInstances', 'ssm:UpdateAssociation', 'ssm:DescribeAssociation')
        (Get-PatternSchedule -Scope Fleet -Name 'web-nightly' @As).Schedule | Should -Be 'cron(0 3 * * ? *)'
    }

    It '-WhatIf creates nothing' {
        $mark = Get-CdpCallMark
        Register-PatternSchedule -Pattern Snapshot -Name 'whatif' -Command $Command -Schedule 'rate(1 day)' -Scope Fleet -TargetTag 'Role=web' `
            -ModuleSource $ModuleSource -WhatIf @As | Should -BeNullOrEmpty
        Get-CallLine $mark | Where-Object { $_ -like '*CreateAssociation' } | Should -BeNullOrEmpty
        Get-PatternSchedule -Scope Fleet -Name 'whatif' @As -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'a key alone selects every instance carrying the tag (State Manager target tag-key)' {
        $mark = Get-CdpCallMark
        $schedule = Register-Fleet -Name 'key-only' -Tag 'cdp:snapshot:policy'
        $schedule.TargetTag | Should -Be 'cdp:snapshot:policy'
        $create = Get-SsmCall $mark | Where-Object Action -eq CreateAssociation
        $targets = $create.Parameters.Targets | ConvertFrom-Json
        $targets.Key | Should -Be 'tag-key'
        $targets.Values | Should -Be @('cdp:snapshot:policy')
    }
}

Describe 'Bad input is refused before any AWS call' {
    It 'refuses <Case> with <ErrorId>' -ForEach @(
        @{ Case = 'an expression that does not parse'; Schedule = 'every night'; Tag = 'Role=web'; ErrorId = 'ScheduleExpressionInvalid'; Category = 'InvalidArgument' }
        @{ Case = 'a rate below State Manager''s 30 minutes'; Schedule = 'rate(15 minutes)'; Tag = 'Role=web'; ErrorId = 'ScheduleTooFrequent'; Category = 'LimitsExceeded' }
        @{ Case = 'a cron every 10 minutes'; Schedule = 'cron(0/10 * * * ? *)'; Tag = 'Role=web'; ErrorId = 'ScheduleTooFrequent'; Category = 'LimitsExceeded' }
        @{ Case = 'a tag that is not one'; Schedule = 'rate(1 day)'; Tag = '=web'; ErrorId = 'TargetTagInvalid'; Category = 'InvalidArgument' }
    ) {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Register-Fleet -Name 'bad' -Tag $Tag -Schedule $Schedule }
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        "$($err.CategoryInfo.Category)" | Should -Be $Category
        Get-SsmCall $mark | Should -BeNullOrEmpty
    }

    It 'refuses a fleet schedule without -ModuleSource (ModuleSourceMissing) and a bad -MaxErrors' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Register-PatternSchedule -Pattern Snapshot -Command $Command -Schedule 'rate(1 day)' -Scope Fleet -TargetTag 'Role=web' -Confirm:$false @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'ModuleSourceMissing,*'
        $err = Get-CdpError { Register-Fleet -Name 'bad' -Extra @{ MaxErrors = 'many' } }
        $err.FullyQualifiedErrorId | Should -BeLike 'MaxErrorsInvalid,*'
        Get-SsmCall $mark | Should -BeNullOrEmpty
    }

    It 'refuses a target tag that selects nothing (TargetSelectsNothing) before creating' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Register-Fleet -Name 'nobody' -Tag 'cdp:snapshot:policy=weekly' }
        $err.FullyQualifiedErrorId | Should -BeLike 'TargetSelectsNothing,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -BeLike "*cdp:snapshot:policy = weekly*nothing was created*"
        Get-CallLine $mark | Should -Be @('ssm:ListAssociations', 'ec2:DescribeInstances')
    }
}

Describe 'A fleet run, watched with Get-PatternSchedule -Scope Fleet' {
    BeforeAll {
        Remove-AllFleet
        Set-PatternSandbox -ClearFaults
        $script:Before = @{}
        foreach ($id in $Seed.Web1, $Seed.Web2) { $Before[$id] = @(Get-PatternSnapshot -InstanceId $id -ErrorAction SilentlyContinue).Count }
        $script:Registered = Register-Fleet -Name 'fleet-backup'
        $script:ExecutionId = Set-PatternSandbox -RunAssociation $Registered.AssociationId
        $script:Mark = Get-CdpCallMark
        $script:Read = Get-PatternSchedule -Scope Fleet -Name 'fleet-backup' @ReadAs
    }
    AfterAll { Remove-AllFleet }

    It 'shows the last run on each instance with exit code 0 and the job summary line' {
        $Read.LastRunStatus | Should -Be 'Success'
        $Read.LastRun | Should -HaveCount 2
        $Read.LastRun[0] | Should -BeOfType ([CloudDesignPatterns.Model.Schedules.FleetInstanceRun])
        @($Read.LastRun.InstanceId | Sort-Object) | Should -Be @($Seed.Web1, $Seed.Web2)
        foreach ($run in $Read.LastRun) {
            $run.Status | Should -Be 'Success'
            $run.ExitCode | Should -Be 0
            $run.ExecutionId | Should -Be $ExecutionId
            $run.CommandId | Should -Match '^[0-9a-f-]{36}$'
            $summary = $run.Summary | ConvertFrom-Json
            $summary.type | Should -Be 'summary'
            $summary.job | Should -Be 'fleet-backup'
            $summary.status | Should -Be 'Succeeded'
            $summary.items | Should -Be 1
        }
    }

    It 'reads with one list, then per association a describe, its executions, the last execution''s targets and each instance''s invocation' {
        Get-CallLine $Mark | Should -Be @('ssm:ListAssociations', 'ssm:DescribeAssociation', 'ssm:DescribeAssociationExecutions', 'ssm:DescribeAssociationExecutionTargets',
            'ssm:GetCommandInvocation', 'ssm:GetCommandInvocation')
        @(Get-SsmCall $Mark | Where-Object Outcome -ne 'Success') | Should -BeNullOrEmpty
        $invocations = @(Get-SsmCall $Mark | Where-Object Action -eq GetCommandInvocation)
        @($invocations.Parameters.InstanceId | Sort-Object) | Should -Be @($Seed.Web1, $Seed.Web2)
        $invocations.Parameters.CommandId | Sort-Object -Unique | Should -Be $Read.LastRun[0].CommandId -Because 'one run is one Run Command command'
    }

    It 'under the Schedule role (no ssm:GetCommandInvocation) keeps State Manager''s status, without exit codes of failures or summary lines, and warns once' {
        $mark = Get-CdpCallMark
        $asOperator = Get-PatternSchedule -Scope Fleet -Name 'fleet-backup' @As -WarningVariable warnings 3>$null
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -BeLike '*ssm:GetCommandInvocation was denied*ScheduleReader*'
        $asOperator.LastRun | ForEach-Object { $_.Status | Should -Be 'Success'; $_.ExitCode | Should -Be 0; $_.Summary | Should -BeNullOrEmpty }
        $denied = @(Get-SsmCall $mark | Where-Object Action -eq GetCommandInvocation)
        $denied | Should -HaveCount 1
        $denied[0].Outcome | Should -Be 'AccessDeniedException'
    }

    It 'really backed up each instance, under the instance''s own role' {
        foreach ($id in $Seed.Web1, $Seed.Web2) {
            @(Get-PatternSnapshot -InstanceId $id).Count | Should -Be ($Before[$id] + 1)
        }
        $creates = @(Get-PatternSandboxCall | Where-Object Action -eq 'CreateSnapshots' | Select-Object -Last 2)
        $creates | ForEach-Object { $_.Principal | Should -BeLike "*assumed-role/$($Seed.WebRoleName)/*" }
    }

    It 'runs MaxConcurrency targets at once: with 2, both instances'' commands overlap, each on its own instance metadata' {
        Register-Fleet -Name 'fleet-backup' -Extra @{ Force = $true; MaxConcurrency = '2' } | Out-Null
        $before = @{}
        foreach ($id in $Seed.Web1, $Seed.Web2) { $before[$id] = @(Get-PatternSnapshot -InstanceId $id).Count }
        $executionId = Set-PatternSandbox -RunAssociation $Registered.AssociationId
        $runs = @((Get-PatternSchedule -Scope Fleet -Name 'fleet-backup' @ReadAs).LastRun)
        $runs | Should -HaveCount 2
        $runs | ForEach-Object { $_.ExecutionId | Should -Be $executionId; $_.ExitCode | Should -Be 0 }
        $runs[0].StartedAt | Should -BeLessThan $runs[1].FinishedAt
        $runs[1].StartedAt | Should -BeLessThan $runs[0].FinishedAt
        foreach ($id in $Seed.Web1, $Seed.Web2) { @(Get-PatternSnapshot -InstanceId $id).Count | Should -Be ($before[$id] + 1) -Because "each instance backed itself up ($id)" }
    }
}

Describe 'A run whose instance metadata is down' {
    BeforeAll {
        Remove-AllFleet
        $script:Registered = Register-Fleet -Name 'imds-down' -Tag 'cdp:snapshot:policy=nightly'
        Set-PatternSandbox -ImdsDown
        try { Set-PatternSandbox -RunAssociation $Registered.AssociationId | Out-Null }
        finally { Set-PatternSandbox -ClearFaults }
        $script:Read = Get-PatternSchedule -Scope Fleet -Name 'imds-down' @ReadAs
    }
    AfterAll { Remove-AllFleet }

    It 'is recorded as a failed run on that instance with exit code 1 and the reason' {
        $Read.LastRunStatus | Should -Be 'Failed'
        $Read.LastRun | Should -HaveCount 1
        $run = $Read.LastRun[0]
        $run.InstanceId | Should -Be $Seed.Web1
        $run.Status | Should -Be 'Failed'
        $run.ExitCode | Should -Be 1
        $run.ErrorId | Should -BeLike '*Imds*'
        $run.Error | Should -Not -BeNullOrEmpty
        ($run.Summary | ConvertFrom-Json).status | Should -Be 'Failed'
    }
}

Describe 'Unregister-PatternSchedule -Scope Fleet' {
    It 'Get | Unregister deletes each association and reads back that it is gone' {
        Register-Fleet -Name 'to-remove-1' | Out-Null
        Register-Fleet -Name 'to-remove-2' | Out-Null
        $mark = Get-CdpCallMark
        $removed = @(Get-PatternSchedule -Scope Fleet -Name 'to-remove-*' @As | Unregister-PatternSchedule -Confirm:$false @As)
        $removed | Should -HaveCount 2
        $removed.Action | Sort-Object -Unique | Should -Be 'Removed'
        $deletes = @(Get-SsmCall $mark | Where-Object Action -eq DeleteAssociation)
        $deletes | Should -HaveCount 2
        $deletes.Outcome | Sort-Object -Unique | Should -Be 'Success'
        # Each delete is followed by a read-back that finds nothing.
        $lines = Get-SsmCall $mark | ForEach-Object { "$($_.Action):$($_.Outcome)" }
        $after = for ($i = 0; $i -lt $lines.Count; $i++) { if ($lines[$i] -eq 'DeleteAssociation:Success') { $lines[$i + 1] } }
        $after | Should -Be @('DescribeAssociation:AssociationDoesNotExist', 'DescribeAssociation:AssociationDoesNotExist')
        Get-PatternSchedule -Scope Fleet -Name 'to-remove-*' @As | Should -BeNullOrEmpty
    }

    It '-WhatIf deletes nothing; an unknown name is ScheduleNotFound' {
        Register-Fleet -Name 'kept' | Out-Null
        $mark = Get-CdpCallMark
        Unregister-PatternSchedule -Scope Fleet -Name 'kept' -WhatIf @As | Should -BeNullOrEmpty
        Get-SsmCall $mark | Where-Object Action -eq DeleteAssociation | Should -BeNullOrEmpty
        # Unregister by name finds the association and reads no runs, so it needs no run-output permission.
        Get-CallLine $mark | Should -Be @('ssm:ListAssociations', 'ssm:DescribeAssociation')
        (Get-PatternSchedule -Scope Fleet -Name 'kept' @As).Name | Should -Be 'kept'
        Unregister-PatternSchedule -Scope Fleet -Name 'no-such-job' -Confirm:$false @As -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ScheduleNotFound,*'
        Remove-AllFleet
    }
}

Describe 'The Schedule role is enough and is needed' {
    It 'without ssm:CreateAssociation, registering fails with PermissionDenied naming it' {
        $denied = (Register-CdpPrincipal -AccessKeyId AKIDSCHEDULENOCREATE -Policy (Remove-CdpPolicyAction $Role -Action 'ssm:CreateAssociation')).Splat
        $err = Get-CdpError {
            Register-PatternSchedule -Pattern Snapshot -Name 'denied' -Command $Command -Schedule 'rate(1 day)' -Scope Fleet -TargetTag 'Role=web' `
                -ModuleSource $ModuleSource -Confirm:$false @denied -ErrorAction Stop
        }
        "$($err.CategoryInfo.Category)" | Should -Be 'PermissionDenied'
        $err.Exception.Message | Should -BeLike '*CreateAssociation*'
        Get-PatternSchedule -Scope Fleet -Name 'denied' @As -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
