#Requires -Version 7.0
# The GameDay HTML report in a real browser: headless Chromium (Debian's chromium package) renders the report the
# engine writes to a PNG, and the test reads the pixels back (tests/PngImage.cs), so what is checked is the page a
# person sees, not only the HTML text. The network is switched off for Chromium: the page must render offline.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    Add-Type -Path (Join-Path $PSScriptRoot 'PngImage.cs')

    $script:Chromium = (Get-Command chromium -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
    # The outage band's fixed colour (ReportPalette.OutageBand, #dc2626).
    $script:BandRgb = 0xdc2626

    # The engine loads into the module's own load context; asking the default context for it by name goes through
    # the module's resolver (docs/dependency-isolation.md), exactly as a cmdlet's first use of the engine does.
    $engine = [Reflection.Assembly]::Load('CloudDesignPatterns.Engine')
    $script:HtmlReport = $engine.GetType('CloudDesignPatterns.Engine.GameDay.Report.GameDayHtmlReport', $true)
    $script:JUnitReport = $engine.GetType('CloudDesignPatterns.Engine.GameDay.Report.GameDayJUnitReport', $true)

    function script:New-Event([string] $Kind, [double] $At, [string] $Description, [double] $Duration = 0, [string[]] $Calls = @()) {
        $e = [CloudDesignPatterns.Model.GameDay.GameDayEvent]::new()
        $e.Kind = $Kind; $e.Offset = [TimeSpan]::FromSeconds($At); $e.Duration = [TimeSpan]::FromSeconds($Duration)
        $e.Description = $Description; $e.ApiCalls = $Calls; $e.TimeUtc = [datetime]::UtcNow
        $e
    }
    function script:New-Result([string] $Drill, [string] $Mechanism, [object[]] $Events, $Rto, [double] $Detection, [string] $Failure) {
        $run = [CloudDesignPatterns.Model.GameDay.GameDayRun]::new()
        $run.Number = 1; $run.FaultInjectedUtc = [datetime]::UtcNow
        $run.DetectionTime = [TimeSpan]::FromSeconds($Detection)
        if ($null -ne $Rto) { $run.Rto = [TimeSpan]::FromSeconds($Rto) }
        $run.Passed = -not $Failure; if ($Failure) { $run.FailureReason = $Failure }
        $run.Timeline = [CloudDesignPatterns.Model.GameDay.GameDayEvent[]] $Events
        $r = [CloudDesignPatterns.Model.GameDay.GameDayResult]::new()
        $r.Drill = $Drill; $r.Mechanism = $Mechanism; $r.Fault = 'StopInstance i-0a1b2c3d4e5f60101'; $r.Service = 'RoutingVip'; $r.Target = 'Sandbox'
        $r.Runs = [CloudDesignPatterns.Model.GameDay.GameDayRun[]] @($run)
        $r.RtoMinimum = $r.RtoMedian = $r.RtoMaximum = $run.Rto
        $r.DetectionMedian = $run.DetectionTime
        $r.Passed = $run.Passed; if ($Failure) { $r.FailureReason = $Failure }
        $r
    }

    $script:Results = [CloudDesignPatterns.Model.GameDay.GameDayResult[]] @(
        (New-Result 'routing-ha' 'Route-table failover' -Rto 2 -Detection 0.5 -Events @(
            (New-Event FaultInjected 0 'StopInstance web1'),
            (New-Event Detected 0.5 'Test-RoutingFailover: down'),
            (New-Event RecoveryStep 0.6 'Set-RoutingFailover -Target web2' 1.3 @('ec2:ReplaceRoute 200', 'ec2:ReplaceRoute 200')),
            (New-Event Recovered 2 'Test-RoutingFailover: healthy'),
            (New-Event FaultRemoved 2.5 'StartInstance web1'))),
        (New-Result 'dns-failover <&>' 'Route 53 DNS failover' -Rto 70 -Detection 30 -Events @(
            (New-Event FaultInjected 0 'StopInstance web1'),
            (New-Event Modelled 0 'Route 53 health checkers' 30),
            (New-Event Detected 30 'Get-Route53Failover: primary unhealthy'),
            (New-Event RecoveryStep 30 'Set-Route53Failover -SwitchTo Secondary' 8 @('route53:ChangeResourceRecordSets 200')),
            (New-Event Modelled 40 'Resolver cache: TTL 30 s' 30),
            (New-Event Recovered 70 'Get-Route53Failover: secondary'),
            (New-Event FaultRemoved 71 'StartInstance web1'))),
        (New-Result 'eip-broken' 'Elastic IP move' -Rto $null -Detection 1 -Failure 'The service did not recover within 90 s' -Events @(
            (New-Event FaultInjected 0 'StopInstance web1'),
            (New-Event Detected 1 'Get-FloatingIp: down'),
            (New-Event Failed 90 'Gave up')))
    )

    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "cdp-gameday-report-$([guid]::NewGuid().ToString('n'))"
    New-Item -ItemType Directory $Work | Out-Null
    $script:HtmlPath = Join-Path $Work 'report.html'
    $HtmlReport::Write($Results, $HtmlPath)

    # Runs Chromium headless on the report with the network off; fails (never skips) when Chromium is not installed.
    function script:Invoke-Chromium([string[]] $Arguments, [int] $TimeoutSeconds = 45) {
        if (-not $script:Chromium) { throw 'chromium is not installed: install the Debian package "chromium" (.ci/run does) to run the GameDay report browser test.' }
        $start = [Diagnostics.ProcessStartInfo]::new($script:Chromium)
        foreach ($a in @('--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--force-color-profile=srgb',
                '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost', "--user-data-dir=$(Join-Path $Work 'profile')") + $Arguments + @("file://$HtmlPath")) {
            $start.ArgumentList.Add($a)
        }
        $start.RedirectStandardOutput = $true; $start.RedirectStandardError = $true; $start.UseShellExecute = $false
        $process = [Diagnostics.Process]::Start($start)
        $stdout = $process.StandardOutput.ReadToEndAsync(); $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) { $process.Kill($true); throw "chromium did not finish within $TimeoutSeconds s." }
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) { throw "chromium exited with $($process.ExitCode): $($stderr.Result)" }
        $stdout.Result
    }
}

AfterAll {
    if ($script:Work -and (Test-Path $script:Work)) { Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'The GameDay report in headless Chromium' {
    BeforeAll {
        # Tall enough for all three drill sections; the outage bands are found by colour, top to bottom.
        $script:Png = Join-Path $Work 'report.png'
        Invoke-Chromium @('--window-size=1200,3200', "--screenshot=$Png") | Out-Null
        $script:Image = [CloudDesignPatterns.TestSupport.PngImage]::Read($Png)
        # Bands are 22 px tall; the legend's 12 px swatch of the same colour is left out by height.
        $script:Bands = @($Image.Blocks($BandRgb) | Where-Object Height -GE 18)
    }

    It 'renders the page at the window size on a white background' {
        $Image.Width | Should -Be 1200
        $Image.Height | Should -Be 3200
        '{0:x6}' -f $Image.Rgb(5, 5) | Should -Be 'ffffff'
    }

    It 'paints one outage band per drill, in the band colour' {
        $Bands.Count | Should -Be 3 -Because "found: $($Bands -join '; ')"
        # Top to bottom: routing, DNS, never recovered; all start at the fault, on the shared axis.
        $Bands[0].Top | Should -BeLessThan $Bands[1].Top
        $Bands[1].Top | Should -BeLessThan $Bands[2].Top
        ($Bands.Left | Sort-Object -Unique).Count | Should -Be 1
    }

    It 'draws the 70 s DNS outage 35 times as wide as the 2 s route-table one' {
        $Bands[1].Width | Should -BeGreaterThan $Bands[0].Width
        $ratio = $Bands[1].Width / $Bands[0].Width
        $ratio | Should -BeGreaterThan 30 -Because "routing $($Bands[0]), DNS $($Bands[1])"
        $ratio | Should -BeLessThan 40
        # The drill that never recovered is down for the whole 90 s it watched: the widest band.
        $Bands[2].Width | Should -BeGreaterThan $Bands[1].Width
    }

    It 'shows the hatched modelled delays and the blue recovery steps' {
        @($Image.Blocks(0x2563eb) | Where-Object Height -GE 10).Count | Should -BeGreaterOrEqual 2
        @($Image.Blocks(0x3b82f6)).Count | Should -BeGreaterThan 0
    }
}

Describe 'The GameDay report DOM after Chromium parsed it' {
    BeforeAll {
        $script:Dom = Invoke-Chromium @('--dump-dom')
    }

    It 'has a timeline SVG and an outage band per drill' {
        ([regex]::Matches($Dom, '<svg[^>]*class="timeline"')).Count | Should -Be 3
        ([regex]::Matches($Dom, '<rect[^>]*class="outage-band"')).Count | Should -Be 3
        $Dom | Should -Match 'data-drill="dns-failover &lt;&amp;&gt;"'
    }

    It 'has the summary, the comparison and the per-drill tables' {
        $Dom | Should -Match '<table id="summary"'
        $Dom | Should -Match '<table id="comparison"'
        ([regex]::Matches($Dom, '<tr class="comparison-row"')).Count | Should -Be 3
        ([regex]::Matches($Dom, '<table class="timeline-table"')).Count | Should -Be 3
        $Dom | Should -Not -Match '<script'
    }
}

Describe 'The JUnit report the engine writes' {
    It 'has one failing case for the drill that never recovered' {
        $path = Join-Path $Work 'junit.xml'
        $JUnitReport::Write($Results, $path)
        $xml = [xml](Get-Content $path -Raw)
        [int]$xml.testsuites.tests | Should -Be 3
        [int]$xml.testsuites.failures | Should -Be 1
        $xml.testsuites.testsuite[2].testcase.failure.message | Should -Be 'The service did not recover within 90 s'
    }
}
