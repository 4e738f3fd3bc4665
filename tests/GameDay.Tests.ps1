#Requires -Version 7.0
# Invoke-PatternGameDay against the sandbox: every sample drill of docs/gameday runs with its faults injected under the
# GameDay role and its recovery under the recovery's own role, and each test asserts on the measured result, on the
# state read back from the sandbox (the fault put back) and on the calls recorded. Bad drills are refused before any call.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -SnapshotDelaySeconds 1 -ErrorAction Stop
    $script:Url = $Sandbox.EndpointUrl
    $script:Samples = Join-Path $PSScriptRoot '..' 'docs' 'gameday'
    $script:Vip = '100.64.0.10'
    $script:Tables = 'rtb-0a1b2c3d4e5f60031', 'rtb-0a1b2c3d4e5f60032'
    $script:Batch1Eni = 'eni-0a1b2c3d4e5f60204'

    # Faults under the GameDay role; recovery and probes under the roles of the patterns they drive.
    $script:Faults = (Register-CdpPrincipal -AccessKeyId AKIDGAMEDAY -Policy (Get-PatternIamPolicy GameDay GameDay)).Splat
    $recoveryRoles = @(
        Get-PatternIamPolicy RoutingFailover RoutingFailover
        Get-PatternIamPolicy FloatingIp FloatingIp
        Get-PatternIamPolicy Route53Failover Route53Failover
        Get-PatternIamPolicy Snapshot SnapshotRestore)
    $script:Recovery = Register-CdpPrincipal -AccessKeyId AKIDRECOVERY -Policy $recoveryRoles
    $script:RecoveryCredential = [pscredential]::new('AKIDRECOVERY', (ConvertTo-SecureString $Recovery.SecretAccessKey -AsPlainText -Force))
    $script:As = @{ RecoveryCredential = $RecoveryCredential; Confirm = $false } + $Faults

    foreach ($id in @($Seed.Web1, $Seed.Web2, $Seed.Db1) + $Tables) {
        Set-CdpResourceTag $Url $id @{ 'cdp:gameday:target' = 'enabled'; 'cdp:routing:failover' = 'enabled' }
    }
    Set-CdpResourceTag $Url 'eipalloc-0a1b2c3d4e5f60501' @{ 'cdp:floating-ip:failover' = 'enabled' }

    function script:InstanceState([string] $Id) {
        (Invoke-CdpRawEc2 $Url DescribeInstances @{ 'InstanceId.1' = $Id }).DescribeInstancesResponse.reservationSet.item.instancesSet.item.instanceState.name
    }
    function script:RouteTarget([string] $Table) {
        $xml = Invoke-CdpRawEc2 $Url DescribeRouteTables @{ 'RouteTableId.1' = $Table }
        (@($xml.DescribeRouteTablesResponse.routeTableSet.item.routeSet.item) | Where-Object destinationCidrBlock -eq "$Vip/32").networkInterfaceId
    }
    # Both tables route the VIP to web-1, as the routing drill expects before its fault.
    function script:Reset-Routes {
        foreach ($table in $Tables) {
            try { Invoke-CdpRawEc2 $Url DeleteRoute @{ RouteTableId = $table; DestinationCidrBlock = "$Vip/32" } | Out-Null } catch { }
            Invoke-CdpRawEc2 $Url CreateRoute @{ RouteTableId = $table; DestinationCidrBlock = "$Vip/32"; NetworkInterfaceId = $Seed.Web1Eni } | Out-Null
        }
    }
    function script:Drill([string] $Name) { Import-PowerShellDataFile (Join-Path $Samples "$Name.psd1") }
    function script:Kinds($Result) { @($Result.Timeline | ForEach-Object { "$($_.Kind)" }) }
    $script:Fixture = [System.IO.Directory]::CreateTempSubdirectory('cdp-gameday-').FullName
}

AfterAll {
    Stop-CdpSandbox
    Remove-Item $Fixture -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'the routing HA sample: web-1 stopped, Set-RoutingFailover' {
    BeforeAll {
        Reset-Routes
        $script:Mark = Get-CdpCallMark
        $script:Result = Invoke-PatternGameDay -Path (Join-Path $Samples 'routing-ha.psd1') @As
        $script:Calls = @(Get-CdpCallSince -Mark $Mark)
    }

    It 'returns a passed, typed GameDayResult with detection and RTO inside the expectations' {
        $Result | Should -BeOfType ([CloudDesignPatterns.Model.GameDay.GameDayResult])
        $Result.FailureReason | Should -BeNullOrEmpty
        $Result.Passed | Should -BeTrue
        $Result.Mechanism | Should -Be 'Route-table failover'
        $Result.Target | Should -Be 'Sandbox'
        $Result.DetectionMedian | Should -BeLessOrEqual ([timespan]::FromSeconds(5))
        $Result.RtoMedian | Should -BeGreaterThan $Result.DetectionMedian
        $Result.RtoMedian | Should -BeLessOrEqual ([timespan]::FromSeconds(15))
        @($Result.Expectations.Name) | Should -Be @('Detection', 'Rto')
        @($Result.Expectations | Where-Object Passed) | Should -HaveCount 2
    }

    It 'records fault, detection, the recovery step, recovery and the put-back, in that order' {
        Kinds $Result | Should -Be @('FaultInjected', 'Detected', 'RecoveryStep', 'Recovered', 'FaultRemoved')
        $Result.Timeline[0].Offset | Should -BeLessThan ([timespan]::FromSeconds(1))
    }

    It 'lists the recovery step''s own API calls from the call log: both tables replaced' {
        $step = $Result.Timeline | Where-Object Kind -eq RecoveryStep
        @($step.ApiCalls | Where-Object { $_ -eq 'ec2:ReplaceRoute 200' }) | Should -HaveCount 2
        $step.ApiCalls | Should -Not -Contain 'ec2:StopInstances 200'
    }

    It 'made the fault under the GameDay role and the recovery under the routing role' {
        ($Calls | Where-Object Action -eq StopInstances).AccessKeyId | Should -Be 'AKIDGAMEDAY'
        @($Calls | Where-Object Action -eq ReplaceRoute | ForEach-Object AccessKeyId | Select-Object -Unique) | Should -Be @('AKIDRECOVERY')
        @($Calls | Where-Object Outcome -ne 'Success') | Should -HaveCount 0
    }

    It 'leaves the VIP on web-2 and web-1 running again (read back)' {
        foreach ($table in $Tables) { RouteTarget $table | Should -Be 'eni-0a1b2c3d4e5f60202' }
        InstanceState $Seed.Web1 | Should -Be 'running'
    }
}

Describe 'the Elastic IP sample: a whole zone lost, twice (-Repeat 2)' {
    BeforeAll {
        $script:Result = Invoke-PatternGameDay -Path (Join-Path $Samples 'elastic-ip.psd1') -Repeat 2 @As
    }

    It 'passes both runs and gives minimum, median and maximum RTO' {
        $Result.FailureReason | Should -BeNullOrEmpty
        $Result.Runs | Should -HaveCount 2
        @($Result.Runs | Where-Object Passed) | Should -HaveCount 2
        $Result.RtoMinimum | Should -BeLessOrEqual $Result.RtoMedian
        $Result.RtoMedian | Should -BeLessOrEqual $Result.RtoMaximum
        $Result.RtoMaximum | Should -Be ($Result.Runs.Rto | Sort-Object | Select-Object -Last 1)
    }

    It 'failed the address back to web-1 before the second run, so each run started from the primary' {
        foreach ($run in $Result.Runs) {
            ($run.Timeline | Where-Object Kind -eq Detected).Description | Should -Match 'i-0a1b2c3d4e5f60101'
        }
    }

    It 'stopped every running instance of the zone and started them all again' {
        ($Result.Timeline | Where-Object Kind -eq FaultRemoved).Description | Should -Match "$($Seed.Web1).*$($Seed.Db1)"
        InstanceState $Seed.Web1 | Should -Be 'running'
        InstanceState $Seed.Db1 | Should -Be 'running'
        (Get-FloatingIp -AllocationId eipalloc-0a1b2c3d4e5f60501).HolderInstanceId | Should -Be $Seed.Web2
    }
}

Describe 'the DNS failover sample: the primary''s health check fails, Route 53 fails over by itself' {
    BeforeAll {
        Set-PatternSandbox -Route53ChangeDelaySec 0
        $script:Pair = Set-Route53Failover -HostedZoneId Z0CDP000000PUBLIC1 -RecordName app.example.com -Primary 198.51.100.10 -Secondary 198.51.100.20 `
            -Ttl 5 -HealthCheck @{ Address = '198.51.100.10'; Path = '/health'; Interval = 10; Threshold = 1 } -Confirm:$false
        $script:Result = Invoke-PatternGameDay -Path (Join-Path $Samples 'dns-failover.psd1') @As
    }

    It 'passes, with an RTO bounded below by the checkers'' 10 s and above by detection plus two TTLs' {
        $Result.FailureReason | Should -BeNullOrEmpty
        $Result.Passed | Should -BeTrue
        $Result.RtoMedian.TotalSeconds | Should -BeGreaterOrEqual 10
        $Result.RtoMedian.TotalSeconds | Should -BeLessThan 21
        $Result.DetectionMedian | Should -BeLessThan ([timespan]::FromSeconds(2))
    }

    It 'shows the modelled delays: the checkers'' window and the resolver''s cache' {
        $modelled = @($Result.Timeline | Where-Object Kind -eq Modelled)
        @($modelled | Where-Object Description -match 'checkers') | Should -HaveCount 1
        ($modelled | Where-Object Description -match 'checkers').Duration | Should -Be ([timespan]::FromSeconds(10))
        @($modelled | Where-Object Description -match 'resolver cache').Count | Should -BeGreaterOrEqual 1
        ($Result.Timeline | Where-Object Kind -eq Recovered).Description | Should -Match '198\.51\.100\.20'
    }

    It 'puts the health check back: Route 53 answers with the primary again' {
        (Get-Route53Failover -HostedZoneId Z0CDP000000PUBLIC1 -RecordName app.example.com).Answering | Should -Be 'Primary'
    }
}

Describe 'the restore sample: db-1 lost, its newest set restored' {
    BeforeAll {
        $script:Set = New-PatternSnapshot -InstanceId $Seed.Db1 -Wait
        $script:Result = Invoke-PatternGameDay -Path (Join-Path $Samples 'restore.psd1') @As
    }

    It 'passes and measures RPO as the age of the newest completed set at the fault' {
        $Result.FailureReason | Should -BeNullOrEmpty
        $Result.Rpo | Should -BeGreaterThan ([timespan]::Zero)
        $Result.Rpo | Should -BeLessThan ([timespan]::FromMinutes(5))
        ($Result.Timeline | Where-Object Kind -eq RecoveryStep).Description | Should -Match $Set.SetId
        InstanceState $Seed.Db1 | Should -Be 'running'
    }
}

Describe 'reports' {
    BeforeAll {
        Reset-Routes
        $script:Html = Join-Path $Fixture 'gameday.html'
        $script:JUnit = Join-Path $Fixture 'gameday.xml'
        $script:Result = Invoke-PatternGameDay -Path (Join-Path $Samples 'routing-ha.psd1') -ReportPath $Html -JUnitPath $JUnit @As
    }

    It 'writes a self-contained HTML report with the drill''s timeline picture' {
        $text = Get-Content $Html -Raw
        $text | Should -Match '<svg'
        $text | Should -Match 'routing-ha-primary-stopped'
        $text | Should -Not -Match '<script'
        $text | Should -Not -Match '(src|href)="https?:'
    }

    It 'writes one JUnit test case per expectation' {
        $xml = [xml](Get-Content $JUnit -Raw)
        @($xml.SelectNodes('//testcase')) | Should -HaveCount $Result.Expectations.Count
        @($xml.SelectNodes('//failure')) | Should -HaveCount 0
    }
}

Describe 'bad drills are refused before any AWS call' {
    BeforeEach { $script:Mark = Get-CdpCallMark }

    It 'refuses an unknown key with its name' {
        $drill = Drill routing-ha
        $drill.Expect = @{ Rtp = '10s' }
        $e = Get-CdpError { Invoke-PatternGameDay -Drill $drill @As -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Match '^DrillUnknownKey'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Match "'Rtp'"
        @(Get-CdpCallSince -Mark $Mark) | Should -HaveCount 0
    }

    It 'refuses an expectation without a unit' {
        $drill = Drill routing-ha
        $drill.Expect = @{ Rto = '30' }
        $e = Get-CdpError { Invoke-PatternGameDay -Drill $drill @As -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Match '^DrillDurationWithoutUnit'
        $e.Exception.Message | Should -Match 'Expect.Rto'
        @(Get-CdpCallSince -Mark $Mark) | Should -HaveCount 0
    }

    It 'refuses a recovery that does not fit the service' {
        $drill = Drill routing-ha
        $drill.Recovery = @{ Kind = 'MoveFloatingIp' }
        (Get-CdpError { Invoke-PatternGameDay -Drill $drill @As -ErrorAction Stop }).FullyQualifiedErrorId | Should -Match '^DrillRecoveryDoesNotFit'
    }

    It 'refuses a drill naming an instance that does not exist, and injects nothing' {
        $drill = Drill routing-ha
        $drill.Service.Standby = 'i-0fffffffffffffff0'
        $e = Get-CdpError { Invoke-PatternGameDay -Drill $drill @As -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Match '^DrillResourceNotFound'
        $e.Exception.Message | Should -Match 'i-0fffffffffffffff0'
        @(Get-CdpCallSince -Mark $Mark | Where-Object Action -eq StopInstances) | Should -HaveCount 0
    }

    It 'refuses an API fault where the endpoint is not a sandbox of this session (real AWS)' {
        $drill = Drill routing-ha
        $drill.Fault = @(@{ Kind = 'StopInstance' }, @{ Kind = 'ApiThrottled' })
        # The same sandbox under another host name is, for this session, some endpoint that is not its sandbox.
        $elsewhere = $Url -replace '127\.0\.0\.1', 'localhost'
        $e = Get-CdpError { Invoke-PatternGameDay -Drill $drill -EndpointUrl $elsewhere @As -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Match '^DrillFaultNotSupported'
        $e.Exception.Message | Should -Match 'ApiThrottled'
        @(Get-CdpCallSince -Mark $Mark | Where-Object Action -eq StopInstances) | Should -HaveCount 0
    }

    It '-WhatIf injects nothing and returns nothing' {
        Reset-Routes
        $out = Invoke-PatternGameDay -Path (Join-Path $Samples 'routing-ha.psd1') @Faults -RecoveryCredential $RecoveryCredential -WhatIf
        $out | Should -BeNullOrEmpty
        @(Get-CdpCallSince -Mark $Mark | Where-Object Action -in StopInstances, ReplaceRoute) | Should -HaveCount 0
    }
}

Describe 'failures during a drill: the result says why, and the fault is always put back' {
    BeforeEach { Reset-Routes }

    It 'a recovery that never brings the service back fails at the drill''s limit' {
        $drill = Drill routing-ha
        $drill.Recovery = @{ Kind = 'Script'; Script = { 'nothing done' } }
        $drill.Limit = '2s'
        $result = Invoke-PatternGameDay -Drill $drill @As
        $result.Passed | Should -BeFalse
        $result.FailureReason | Should -Match 'not back within the drill''s limit of 2 s'
        ($result.Expectations | Where-Object Name -eq Rto).Passed | Should -BeFalse
        Kinds $result | Should -Contain 'FaultRemoved'
        InstanceState $Seed.Web1 | Should -Be 'running'
    }

    It 'a recovery step that throws fails with its error, and the primary is started again' {
        $drill = Drill routing-ha
        $drill.Recovery = @{ Kind = 'Script'; Script = { throw 'runbook step 3 failed' } }
        $result = Invoke-PatternGameDay -Drill $drill @As
        $result.Passed | Should -BeFalse
        $result.FailureReason | Should -Match 'runbook step 3 failed'
        ($result.Timeline | Where-Object Kind -eq RecoveryStep).Succeeded | Should -BeFalse
        InstanceState $Seed.Web1 | Should -Be 'running'
    }

    It 'the EC2 API answering 503 during the recovery: retried, recovered, and the fault cleared' {
        $drill = Drill routing-ha
        $drill.Fault = @(@{ Kind = 'StopInstance' }, @{ Kind = 'ApiErrors'; Count = 2; StatusCode = 503; Action = 'ReplaceRoute' })
        $result = Invoke-PatternGameDay -Drill $drill @As
        $result.FailureReason | Should -BeNullOrEmpty
        ($result.Timeline | Where-Object Kind -eq RecoveryStep).ApiCalls | Should -Contain 'ec2:ReplaceRoute 503'
        Kinds $result | Where-Object { $_ -eq 'FaultRemoved' } | Should -HaveCount 2
    }

    It 'a route table pointed at a blackhole: detected, failed over, and nothing left on the blackhole' {
        Invoke-CdpRawEc2 $Url StopInstances @{ 'InstanceId.1' = $Seed.Batch1 } | Out-Null
        $drill = Drill routing-ha
        $drill.Fault = @{ Kind = 'RouteBlackhole'; NetworkInterfaceId = $Batch1Eni }
        $result = Invoke-PatternGameDay -Drill $drill @As
        $result.FailureReason | Should -BeNullOrEmpty
        ($result.Timeline | Where-Object Kind -eq Detected).Description | Should -Match 'blackhole'
        foreach ($table in $Tables) { RouteTarget $table | Should -Be 'eni-0a1b2c3d4e5f60202' }
    }

    It 'the GameDay role cannot break an instance the drill''s owner did not tag: the fault fails, nothing is stopped' {
        $drill = Drill routing-ha
        $drill.Fault = @{ Kind = 'StopInstance'; InstanceId = $Seed.Batch1 }
        Invoke-CdpRawEc2 $Url StartInstances @{ 'InstanceId.1' = $Seed.Batch1 } | Out-Null
        $result = Invoke-PatternGameDay -Drill $drill @As
        $result.Passed | Should -BeFalse
        $result.FailureReason | Should -Match 'ec2:StopInstances'
        InstanceState $Seed.Batch1 | Should -Not -Be 'stopped'
    }

    It 'Ctrl+C during the recovery still starts the primary again' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($Manifest, $Path, $As)
                Import-Module $Manifest
                $drill = Import-PowerShellDataFile $Path
                $drill.Recovery = @{ Kind = 'Script'; Script = { Start-Sleep -Seconds 60 } }
                Invoke-PatternGameDay -Drill $drill @As
            }).AddArgument((Get-CdpModuleManifest)).AddArgument((Join-Path $Samples 'routing-ha.psd1')).AddArgument($As)
        $async = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while ((InstanceState $Seed.Web1) -eq 'running' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        InstanceState $Seed.Web1 | Should -Not -Be 'running'
        Start-Sleep -Milliseconds 500
        $ps.Stop()
        try { $ps.EndInvoke($async) } catch { }
        $ps.Dispose()
        InstanceState $Seed.Web1 | Should -Be 'running'
    }
}
