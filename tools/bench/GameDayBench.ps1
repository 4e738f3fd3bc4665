<#
.SYNOPSIS
    GameDay: RTO per mechanism from the sample drills, with 50 ms of sandbox latency on every call, -Repeat 5.
.DESCRIPTION
    One in-process sandbox with -LatencyMs 50 (every EC2 and Route 53 call answers 50 ms late, as a nearby region
    does). The routing, Elastic IP, DNS and restore samples of docs/gameday run five times each; the table gives
    detection and RTO (minimum, median, maximum) per mechanism, and the report is written beside the module.
    Routing HA against Debian's aws-vpc-move-ip agent is measured by RoutingBench.ps1 (its figure is in
    docs/performance.md): this bench measures what an operator's drill sees end to end.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $Repeat = 5,
    [int] $LatencyMs = 50,
    [string] $OutFile
)

$ErrorActionPreference = 'Stop'
$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module (Join-Path $ModulePath 'CloudDesignPatterns.psd1')
$out = Split-Path (Resolve-Path $ModulePath).Path -Parent
if (-not $OutFile) { $OutFile = Join-Path $out 'bench-gameday.json' }
$samples = Join-Path $PSScriptRoot '..' '..' 'docs' 'gameday'

$null = Start-PatternSandbox -SnapshotDelaySeconds 1
try {
    # The scene every sample expects: the VIP routed to web-1, a failover pair guarded by a 10 s x 1 check, a set of db-1.
    Set-RoutingFailover -VirtualIp 100.64.0.10 -RouteTableId rtb-0a1b2c3d4e5f60031, rtb-0a1b2c3d4e5f60032 -InstanceId i-0a1b2c3d4e5f60101 -CreateMissing -Confirm:$false | Out-Null
    Set-PatternSandbox -Route53ChangeDelaySec 0
    Set-Route53Failover -HostedZoneId Z0CDP000000PUBLIC1 -RecordName app.example.com -Primary 198.51.100.10 -Secondary 198.51.100.20 -Ttl 5 `
        -HealthCheck @{ Address = '198.51.100.10'; Path = '/health'; Interval = 10; Threshold = 1 } -Confirm:$false | Out-Null
    New-PatternSnapshot -InstanceId i-0a1b2c3d4e5f60103 -Wait | Out-Null
    Set-PatternSandbox -LatencyMs $LatencyMs
    Write-Host "==> the four sample drills x $Repeat (latency $LatencyMs ms)"
    $paths = 'routing-ha', 'elastic-ip', 'dns-failover', 'restore' | ForEach-Object { Join-Path $samples "$_.psd1" }
    $results = Invoke-PatternGameDay -Path $paths -Repeat $Repeat -Confirm:$false -ReportPath (Join-Path $out 'bench-gameday.html')
    $rows = foreach ($r in $results) {
        [pscustomobject]@{
            Drill = $r.Drill; Mechanism = $r.Mechanism; Passed = $r.Passed
            DetectionMedianS = [math]::Round($r.DetectionMedian.TotalSeconds, 3)
            RtoMinS = [math]::Round($r.RtoMinimum.TotalSeconds, 3); RtoMedianS = [math]::Round($r.RtoMedian.TotalSeconds, 3)
            RtoMaxS = [math]::Round($r.RtoMaximum.TotalSeconds, 3)
            RpoS = if ($null -ne $r.Rpo) { [math]::Round($r.Rpo.TotalSeconds, 1) } else { $null }
        }
    }
    $rows | Format-Table -AutoSize | Out-String | Write-Host
    $rows | ConvertTo-Json | Set-Content $OutFile
}
finally { Stop-PatternSandbox }
