#Requires -Version 7.0
# Register-/Get-/Unregister-PatternSchedule on the local backends (files under a temporary -Root, checked with
# systemd-analyze verify), and Invoke-PatternJob run exactly as the unit's ExecStart runs it: a fresh pwsh, against
# the sandbox, with the instance's own metadata and role, so a scheduled backup really happens.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -SnapshotDelaySeconds 1 -ErrorAction Stop
    $script:Pwsh = Join-Path $PSHOME 'pwsh'

    function script:New-TestRoot { $r = Join-Path ([IO.Path]::GetTempPath()) "cdp-sched-$([guid]::NewGuid().ToString('n'))"; New-Item -ItemType Directory $r | Out-Null; $r }
    function script:Get-Files([string] $Root) { @(Get-ChildItem $Root -Recurse -File | ForEach-Object FullName | Sort-Object) }

    # Runs a unit's ExecStart line as systemd would (no shell: split on spaces, the first word is the program), with
    # the environment of an EC2 instance pointed at the sandbox: no keys, credentials from instance metadata.
    function script:Invoke-ExecStart([string] $ServiceFile, [hashtable] $Environment = @{}) {
        $line = (Get-Content $ServiceFile | Where-Object { $_ -like 'ExecStart=*' }).Substring('ExecStart='.Length)
        $words = $line -split ' '
        $start = [Diagnostics.ProcessStartInfo]::new($words[0])
        foreach ($w in $words | Select-Object -Skip 1) { $start.ArgumentList.Add($w) }
        $start.RedirectStandardOutput = $true; $start.RedirectStandardError = $true; $start.UseShellExecute = $false
        $start.Environment.Remove('AWS_EC2_METADATA_DISABLED') | Out-Null
        $start.Environment['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = $Sandbox.EndpointUrl
        $start.Environment['AWS_ENDPOINT_URL'] = $Sandbox.EndpointUrl
        foreach ($k in $Environment.Keys) { $start.Environment[$k] = $Environment[$k] }
        $process = [Diagnostics.Process]::Start($start)
        $stdout = $process.StandardOutput.ReadToEndAsync(); $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(180000)) { $process.Kill($true); throw 'The job did not finish within 180 s.' }
        $lines = @($stdout.Result -split "`n" | Where-Object { $_.TrimStart().StartsWith('{') } | ForEach-Object { $_ | ConvertFrom-Json })
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Lines    = $lines
            Summary  = @($lines | Where-Object type -eq 'summary') | Select-Object -Last 1
            Calls    = @($lines | Where-Object type -eq 'awsCall')
            Stderr   = $stderr.Result
        }
    }
}

AfterAll { Stop-CdpSandbox }

Describe 'Register-PatternSchedule -Backend Systemd' {
    BeforeAll {
        $script:Root = New-TestRoot
        $script:Registered = Register-PatternSchedule -Pattern Snapshot -Name nightly -Command { New-PatternSnapshot -Self } `
            -Schedule 'cron(30 2 * * ? *)' -Backend Systemd -Root $Root -PwshPath $Pwsh -Force
        $script:Service = Join-Path $Root 'etc/systemd/system/cdp-nightly.service'
        $script:Timer = Join-Path $Root 'etc/systemd/system/cdp-nightly.timer'
    }
    AfterAll { Remove-Item $Root -Recurse -Force -ErrorAction SilentlyContinue }

    It 'returns a typed, created schedule naming its files and the OnCalendar it maps to' {
        $Registered | Should -BeOfType ([CloudDesignPatterns.Model.Schedules.PatternSchedule])
        $Registered.Action | Should -Be Created
        $Registered.Name | Should -Be nightly
        $Registered.Pattern | Should -Be Snapshot
        $Registered.Backend | Should -Be Systemd
        $Registered.BackendSchedule | Should -Be 'OnCalendar=*-*-* 02:30:00 UTC'
        $Registered.Files | Should -Be @($Service, $Timer, (Join-Path $Root 'etc/cloud-design-patterns/jobs/nightly.ps1'))
        $Registered.Files | ForEach-Object { $_ | Should -Exist }
    }

    It 'writes every calendar timer in UTC, as systemd itself reads it (systemd-analyze calendar)' -ForEach @(
        @{ Name = 'utc-daily'; Expression = 'cron(30 2 * * ? *)'; Calendar = '*-*-* 02:30:00 UTC' }
        @{ Name = 'utc-weekdays'; Expression = 'cron(0 1 ? * MON-FRI *)'; Calendar = 'Mon..Fri *-*-* 01:00:00 UTC' }
        @{ Name = 'utc-twice'; Expression = 'rate(12 hours)'; Calendar = '*-*-* 00/12:00:00 UTC' }
    ) {
        Register-PatternSchedule -Pattern Snapshot -Name $name -Command 'New-PatternSnapshot -Self' -Schedule $Expression -Backend Systemd -Root $Root -PwshPath $Pwsh -Force | Out-Null
        $onCalendar = (Get-Content (Join-Path $Root "etc/systemd/system/cdp-$name.timer") | Where-Object { $_ -like 'OnCalendar=*' }).Substring(11)
        $onCalendar | Should -BeLike '* UTC'
        $normalized = (& systemd-analyze calendar $onCalendar 2>&1 | Where-Object { $_ -match 'Normalized form:' }) -replace '^\s*Normalized form:\s*', ''
        $normalized | Should -Be $Calendar
        Unregister-PatternSchedule -Name $name -Root $Root -Confirm:$false | Out-Null
    }

    It 'writes a timer with Persistent=true that systemd-analyze verify accepts' {
        Get-Content $Timer | Should -Contain 'Persistent=true'
        Get-Content $Timer | Should -Contain 'OnCalendar=*-*-* 02:30:00 UTC'
        Get-Content $Service | Should -Contain 'SuccessExitStatus=75'
        $out = & systemd-analyze verify $Service $Timer 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
    }

    It 'is read back by Get-PatternSchedule and binds to Unregister-PatternSchedule by property name' {
        $got = @(Get-PatternSchedule -Root $Root)
        $got | Should -HaveCount 1
        $got[0].Action | Should -Be Registered
        $got[0].Command | Should -Be 'New-PatternSnapshot -Self'
        $got[0].Schedule | Should -Be 'cron(30 2 * * ? *)'
        ($got[0] | Unregister-PatternSchedule -WhatIf) | Should -BeNullOrEmpty
        $Service | Should -Exist
    }

    It 'is Unchanged when registered again with the same definition' {
        $before = (Get-Item $Service).LastWriteTimeUtc
        $again = Register-PatternSchedule -Pattern Snapshot -Name nightly -Command { New-PatternSnapshot -Self } `
            -Schedule 'cron(30 2 * * ? *)' -Backend Systemd -Root $Root -PwshPath $Pwsh -Force
        $again.Action | Should -Be Unchanged
        (Get-Item $Service).LastWriteTimeUtc | Should -Be $before
    }

    It 'refuses a job of that name under another definition, before changing anything' {
        $before = Get-Files $Root | ForEach-Object { Get-FileHash $_ } | ForEach-Object Hash
        $e = Get-CdpError { Register-PatternSchedule -Pattern Snapshot -Name nightly -Command { New-PatternSnapshot -Self } `
                -Schedule 'cron(0 3 * * ? *)' -Backend Systemd -Root $Root -PwshPath $Pwsh -Force }
        $e.FullyQualifiedErrorId | Should -BeLike 'ScheduleExistsWithOtherDefinition,*'
        $e.CategoryInfo.Category | Should -Be ResourceExists
        (Get-Files $Root | ForEach-Object { Get-FileHash $_ } | ForEach-Object Hash) | Should -Be $before
    }
}

Describe 'Register-PatternSchedule refuses bad schedules before writing anything' {
    BeforeAll { $script:Root = New-TestRoot }
    AfterAll { Remove-Item $Root -Recurse -Force -ErrorAction SilentlyContinue }

    It 'an expression that does not parse (<Schedule>)' -ForEach @(
        @{ Schedule = 'cron(30 2 * * *)' }, @{ Schedule = 'every night' }, @{ Schedule = 'rate(1 minutes)' }, @{ Schedule = 'cron(30 2 * * MON *)' }
    ) {
        $e = Get-CdpError { Register-PatternSchedule -Pattern Snapshot -Command { New-PatternSnapshot -Self } -Schedule $Schedule -Backend Systemd -Root $Root -Force }
        $e.FullyQualifiedErrorId | Should -BeLike 'ScheduleExpressionInvalid,*'
        $e.CategoryInfo.Category | Should -Be InvalidArgument
        Get-Files $Root | Should -BeNullOrEmpty
    }

    It 'a rate a cron line cannot express exactly' {
        $e = Get-CdpError { Register-PatternSchedule -Pattern Snapshot -Command { New-PatternSnapshot -Self } -Schedule 'rate(7 minutes)' -Backend Cron -Root $Root -Force }
        $e.FullyQualifiedErrorId | Should -BeLike 'ScheduleNotExpressible,*'
        Get-Files $Root | Should -BeNullOrEmpty
    }

    It 'an unknown pattern' {
        $e = Get-CdpError { Register-PatternSchedule -Pattern Nope -Command { 1 } -Schedule 'rate(1 day)' -Backend Cron -Root $Root -Force }
        $e.FullyQualifiedErrorId | Should -BeLike 'UnknownPattern,*'
        Get-Files $Root | Should -BeNullOrEmpty
    }

    It '-WhatIf writes nothing' {
        Register-PatternSchedule -Pattern Snapshot -Command { New-PatternSnapshot -Self } -Schedule 'rate(1 day)' -Backend Cron -Root $Root -WhatIf | Should -BeNullOrEmpty
        Get-Files $Root | Should -BeNullOrEmpty
    }
}

Describe 'Register-PatternSchedule -Backend Cron and TaskScheduler' {
    BeforeAll { $script:Root = New-TestRoot }
    AfterAll { Remove-Item $Root -Recurse -Force -ErrorAction SilentlyContinue }

    It 'writes an /etc/cron.d file whose line runs the job script (day-of-week moved to cron numbering)' {
        $s = Register-PatternSchedule -Pattern Snapshot -Name weekdays -Command 'New-PatternSnapshot -Self' -Schedule 'cron(0 1 ? * MON-FRI *)' -Backend Cron -Root $Root -PwshPath $Pwsh -Force
        $s.BackendSchedule | Should -Be '0 1 * * 1,2,3,4,5'
        $line = Get-Content (Join-Path $Root 'etc/cron.d/cdp-weekdays') | Where-Object { $_ -like '0 1 *' }
        $line | Should -Be "0 1 * * 1,2,3,4,5 root $Pwsh -NoProfile -NonInteractive -File $(Join-Path $Root 'etc/cloud-design-patterns/jobs/weekdays.ps1') >> /var/log/cdp-weekdays.log 2>&1"
    }

    It 'says the times are UTC: CRON_TZ=UTC before the job line, so cronie runs it at UTC 01:00 whatever the host zone' {
        $lines = @(Get-Content (Join-Path $Root 'etc/cron.d/cdp-weekdays'))
        $tz = [array]::IndexOf($lines, 'CRON_TZ=UTC')
        $tz | Should -BeGreaterThan 0
        $job = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l -like '0 1 *' })
        $tz | Should -BeLessThan $job -Because 'CRON_TZ applies to the lines after it'
        $lines[0] | Should -BeLike '*UTC*Debian*host time*' -Because 'the comment warns where CRON_TZ is ignored'
    }

    It 'warns at registration when the host is not on UTC (Debian''s cron ignores CRON_TZ), and not when it is' {
        $manifest = Get-CdpModuleManifest
        # The zone is the child's from its start (TZ in its environment): .NET reads it once per process.
        $script = {
            param($Zone)
            $env:TZ = $Zone
            @"
Import-Module '$manifest'
`$root = Join-Path ([IO.Path]::GetTempPath()) "cdp-tz-$([guid]::NewGuid().ToString('n'))"
`$null = Register-PatternSchedule -Pattern Snapshot -Name tz -Command 'New-PatternSnapshot -Self' -Schedule 'cron(0 1 * * ? *)' -Backend Cron -Root `$root -PwshPath '$Pwsh' -Force -WarningVariable w -WarningAction SilentlyContinue
`$cron = Test-Path (Join-Path `$root 'etc/cron.d/cdp-tz')
Remove-Item `$root -Recurse -Force
@{ Warnings = @(`$w | ForEach-Object { "`$_" }); Written = `$cron } | ConvertTo-Json -Compress
"@
        }
        $before = $env:TZ
        try {
            $berlin = Invoke-CdpChildPwsh (& $script 'Europe/Berlin')
            $utc = Invoke-CdpChildPwsh (& $script 'UTC')
        }
        finally { $env:TZ = $before }
        $berlin.Written | Should -BeTrue -Because 'the warning does not stop the registration'
        @($berlin.Warnings) | Should -HaveCount 1
        $berlin.Warnings[0] | Should -BeLike '*Europe/Berlin*CRON_TZ*Debian*host time*'
        $utc.Written | Should -BeTrue
        @($utc.Warnings | Where-Object { $_ }) | Should -HaveCount 0
    }

    It 'writes the Task Scheduler XML it would register: trigger, principal that runs logged on or not, pwsh action' {
        $s = Register-PatternSchedule -Pattern Snapshot -Name hourly -Command 'New-PatternSnapshot -Self' -Schedule 'rate(2 hours)' -Backend TaskScheduler -Root $Root -PwshPath 'C:\Program Files\PowerShell\7\pwsh.exe' -RunAs 'EXAMPLE\backup' -Force
        $s.Backend | Should -Be TaskScheduler
        [xml] $xml = Get-Content (Join-Path $Root 'tasks/cdp-hourly.xml') -Raw
        $ns = @{ t = 'http://schemas.microsoft.com/windows/2004/02/mit/task' }
        (Select-Xml -Xml $xml -XPath '//t:TimeTrigger/t:Repetition/t:Interval' -Namespace $ns).Node.InnerText | Should -Be 'PT120M'
        (Select-Xml -Xml $xml -XPath '//t:Principal/t:UserId' -Namespace $ns).Node.InnerText | Should -Be 'EXAMPLE\backup'
        (Select-Xml -Xml $xml -XPath '//t:Principal/t:LogonType' -Namespace $ns).Node.InnerText | Should -Be 'S4U'
        (Select-Xml -Xml $xml -XPath '//t:Settings/t:MultipleInstancesPolicy' -Namespace $ns).Node.InnerText | Should -Be 'IgnoreNew'
        (Select-Xml -Xml $xml -XPath '//t:Exec/t:Command' -Namespace $ns).Node.InnerText | Should -Be 'C:\Program Files\PowerShell\7\pwsh.exe'
        (Select-Xml -Xml $xml -XPath '//t:Exec/t:Arguments' -Namespace $ns).Node.InnerText | Should -BeLike '-NoProfile -NonInteractive -File "*hourly.ps1"'
    }

    It 'Get-PatternSchedule lists both; Unregister-PatternSchedule removes each and reads back nothing left' {
        $all = @(Get-PatternSchedule -Root $Root)
        $all.Name | Should -Be @('weekdays', 'hourly')
        $removed = @($all | Unregister-PatternSchedule -Force)
        $removed.Action | Should -Be @('Removed', 'Removed')
        Get-Files $Root | Should -BeNullOrEmpty
        @(Get-PatternSchedule -Root $Root) | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-PatternJob run as the systemd unit runs it' {
    BeforeAll {
        $script:Root = New-TestRoot
        $script:LockDir = Join-Path ([IO.Path]::GetTempPath()) 'cloud-design-patterns-locks'
        Register-PatternSchedule -Pattern Snapshot -Name self-backup -Command { New-PatternSnapshot -Self } `
            -Schedule 'cron(30 2 * * ? *)' -Backend Systemd -Root $Root -PwshPath $Pwsh -Force | Out-Null
        $script:Service = Join-Path $Root 'etc/systemd/system/cdp-self-backup.service'
    }
    AfterAll {
        Set-PatternSandbox -CurrentInstanceId $Seed.Web1 -ClearFaults
        Remove-Item $Root -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'backs the instance up with its own role, logs a JSON line per AWS call and a summary, exits 0' {
        Set-PatternSandbox -CurrentInstanceId $Seed.Web2
        $before = @(Get-PatternSnapshot -InstanceId $Seed.Web2 -Region $Seed.Region -EndpointUrl $Sandbox.EndpointUrl)
        $run = Invoke-ExecStart $Service
        $run.ExitCode | Should -Be 0 -Because $run.Stderr
        $run.Summary.status | Should -Be Succeeded
        $run.Summary.items | Should -Be 1
        $run.Summary.job | Should -Be 'self-backup'
        $run.Calls.action | Should -Contain 'ec2:CreateSnapshots'
        $run.Summary.awsCalls | Should -Be $run.Calls.Count
        $run.Calls | ForEach-Object { $_.outcome | Should -Be OK }
        $after = @(Get-PatternSnapshot -InstanceId $Seed.Web2 -Region $Seed.Region -EndpointUrl $Sandbox.EndpointUrl)
        $after.Count | Should -Be ($before.Count + 1)
    }

    It 'exits 75 with a Skipped summary when another run holds the lock, and runs nothing' {
        New-Item -ItemType Directory $LockDir -Force | Out-Null
        $held = [IO.File]::Open((Join-Path $LockDir 'self-backup.lock'), 'OpenOrCreate', 'ReadWrite', 'None')
        try {
            $mark = Get-CdpCallMark
            $run = Invoke-ExecStart $Service
        }
        finally { $held.Dispose() }
        $run.ExitCode | Should -Be 75
        $run.Summary.status | Should -Be Skipped
        $run.Summary.errorId | Should -Be JobLockHeld
        @(Get-CdpCallSince -Mark $mark) | Should -BeNullOrEmpty
    }

    It 'exits 1 with the reason in the summary when instance metadata is down' {
        Set-PatternSandbox -ImdsDown
        try { $run = Invoke-ExecStart $Service -Environment @{ AWS_REGION = $Seed.Region; AWS_ACCESS_KEY_ID = 'AKIDSANDBOXADMIN'; AWS_SECRET_ACCESS_KEY = 'x' } }
        finally { Set-PatternSandbox -ClearFaults }
        $run.ExitCode | Should -Be 1
        $run.Summary.status | Should -Be Failed
        $run.Summary.errorId | Should -Be ImdsUnavailable
        $run.Summary.error | Should -Not -BeNullOrEmpty
    }
}
