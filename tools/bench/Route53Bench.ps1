<#
.SYNOPSIS
    DNS failover: the Route 53 calls of Set-Route53Failover and its time to INSYNC, beside a fixed 20 s GetChange poll.
.DESCRIPTION
    One in-process sandbox (Route 53 on loopback). A failover pair exists; for each PENDING delay (-Delays, seconds
    the sandbox keeps a change PENDING) the primary's address is changed twice:

    - ours: Set-Route53Failover -HostedZoneId ... -Wait (GetChange from about 1 s, the interval growing by half up to 10 s);
    - the fixed poll of Debian's aws-vpc-route53: the same change without -Wait, then GetChange every 20 s (sent by this
      script as the sandbox admin) until INSYNC.

    For each it reports the calls the sandbox logged by action, the GetChange polls, and the seconds from the start to
    INSYNC as the caller saw it. Also: an unchanged run (no change call), and one by -ZoneName (one more lookup).
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [string] $Delays = '5,30',
    [string] $OutFile
)

$ErrorActionPreference = 'Stop'
$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module (Join-Path $ModulePath 'CloudDesignPatterns.psd1')
if (-not $OutFile) { $OutFile = Join-Path (Split-Path (Resolve-Path $ModulePath).Path -Parent) 'bench-route53.json' }
$zone = 'Z0CDP000000PUBLIC1'
$pair = @{ HostedZoneId = $zone; RecordName = 'app.example.com'; Secondary = 'cdp-fallback.s3-website-ap-northeast-1.amazonaws.com'
    SecondaryAliasHostedZoneId = 'Z2M4EHUR26P7ZW'; HealthCheck = @{ Address = '198.51.100.10'; Path = '/health' } }

function Get-CallsSince([long] $Mark) { @(Get-PatternSandboxCall -After $Mark | Where-Object Service -eq 'route53') }
function Get-Mark { $last = Get-PatternSandboxCall -Last 1; if ($last) { [long]$last.Sequence } else { [long]0 } }
function Format-Calls($Calls) { ($Calls | Group-Object Action | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', ' }

# GetChange as the sandbox admin (the sandbox does not verify signatures): the fixed poll's own call.
function Get-ChangeStatus([string] $ChangeId) {
    $date = [DateTime]::UtcNow
    $headers = @{
        Authorization = "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXADMIN/$($date.ToString('yyyyMMdd'))/us-east-1/route53/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
        'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
    }
    $answer = Invoke-WebRequest -Uri ($sandbox.EndpointUrl.TrimEnd('/') + "/2013-04-01/change/$ChangeId") -Headers $headers -SkipHeaderValidation
    ([xml]$answer.Content).GetChangeResponse.ChangeInfo.Status
}

$sandbox = Start-PatternSandbox
try {
    Set-PatternSandbox -Route53ChangeDelaySec 0
    Set-Route53Failover @pair -Primary 198.51.100.10 -WarningAction SilentlyContinue | Out-Null
    $rows = @()
    $address = 10
    foreach ($delay in @($Delays -split ',' | ForEach-Object { [int]$_ })) {
        Set-PatternSandbox -Route53ChangeDelaySec $delay

        $address++; $mark = Get-Mark; $watch = [Diagnostics.Stopwatch]::StartNew()
        $ours = Set-Route53Failover @pair -Primary "198.51.100.$address" -Wait -TimeoutSec 120 -ProgressAction SilentlyContinue
        $oursSeconds = $watch.Elapsed.TotalSeconds
        if ($ours.Status -ne 'INSYNC') { throw "our -Wait ended $($ours.Status) at delay $delay" }
        $oursCalls = Get-CallsSince $mark

        $address++; $mark = Get-Mark; $watch = [Diagnostics.Stopwatch]::StartNew()
        $sent = Set-Route53Failover @pair -Primary "198.51.100.$address"
        $polls = 0
        do { Start-Sleep -Seconds 20; $polls++ } while ((Get-ChangeStatus $sent.ChangeId) -ne 'INSYNC')
        $fixedSeconds = $watch.Elapsed.TotalSeconds
        $fixedCalls = @(Get-CallsSince $mark | Where-Object Action -ne 'GetChange')

        $rows += [ordered]@{
            PendingSeconds = $delay
            OursToInSync = [Math]::Round($oursSeconds, 1); OursCalls = Format-Calls $oursCalls
            OursGetChange = @($oursCalls | Where-Object Action -eq 'GetChange').Count
            Fixed20ToInSync = [Math]::Round($fixedSeconds, 1); Fixed20GetChange = $polls
            Fixed20OtherCalls = Format-Calls $fixedCalls
        }
    }
    Set-PatternSandbox -Route53ChangeDelaySec 0
    $mark = Get-Mark
    Set-Route53Failover @pair -Primary "198.51.100.$address" | Out-Null
    $unchanged = Format-Calls (Get-CallsSince $mark)
    $byNameArgs = @{ ZoneName = 'corp.internal'; RecordName = 'app.corp.internal'; Primary = '10.0.1.9'; Secondary = '10.0.2.9'; SwitchTo = 'Primary' }
    Set-Route53Failover @byNameArgs | Out-Null
    $mark = Get-Mark
    Set-Route53Failover @byNameArgs | Out-Null
    $byName = Format-Calls (Get-CallsSince $mark)
}
finally { Stop-PatternSandbox }

Write-Host ''
Write-Host 'DNS failover (Route 53 in the sandbox): one change to an existing pair, time to INSYNC as the caller sees it'
$rows | ForEach-Object { [pscustomobject]$_ } | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
Write-Host "unchanged pair (-HostedZoneId): $unchanged"
Write-Host "unchanged record (-ZoneName): $byName"
[ordered]@{ Rows = $rows; Unchanged = $unchanged; UnchangedByZoneName = $byName } | ConvertTo-Json -Depth 5 | Set-Content $OutFile
