<#
.SYNOPSIS
    A fleet backup through a fleet schedule (a State Manager association run by the sandbox), against the same backup
    from one machine with New-PatternSnapshot -ThrottleLimit 16, under the EC2-like throttling of SnapshotFleetBench.ps1:
    100 ms latency per call and a token bucket on mutating calls (burst 100, refill 20/s).

.DESCRIPTION
    The fleet instances of Start-PatternSandbox -FleetSize carry Role=fleet and the role cdp-fleet-role (given the
    Snapshot role's policy here). One association targets Role=fleet; Set-PatternSandbox -RunAssociation runs it: each
    target runs the job in a child pwsh (pwsh start, module import, New-PatternSnapshot -Self -Wait), MaxConcurrency of
    them at once up to the sandbox's ceiling (twice the cores). On AWS every instance has its own CPU; here all the
    children share this machine's, so the time per instance measured here is this machine's CPU, not State Manager's:
    the report gives it, the bucket's minimum and what the same run would take for -ExtrapolateTo instances.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [int] $FleetSize = 50,
    [string] $MaxConcurrency = '100%',
    [int] $ExtrapolateTo = 500,
    [int] $Burst = 100,
    [double] $RefillPerSecond = 20,
    [int] $LatencyMs = 100
)

$ErrorActionPreference = 'Stop'
$manifest = Join-Path $ModulePath 'CloudDesignPatterns.psd1'
Import-Module $manifest
$null = Start-PatternSandbox -FleetSize $FleetSize -SnapshotDelaySeconds 1
$ids = 1..$FleetSize | ForEach-Object { 'i-0f1ee7000000' + $_.ToString('x5') }
Get-PatternIamPolicy Snapshot Snapshot | Set-PatternSandbox -RoleName cdp-fleet-role
Set-PatternSandbox -AccessKeyId AKIDBENCHSCHEDULE -SecretAccessKey bench -PrincipalArn 'arn:aws:iam::123456789012:user/bench-schedule' -Policy (Get-PatternIamPolicy Schedule Schedule)
Set-PatternSandbox -AccessKeyId AKIDBENCHREADER -SecretAccessKey bench -PrincipalArn 'arn:aws:iam::123456789012:user/bench-reader' -Policy (Get-PatternIamPolicy Schedule ScheduleReader)
$operator = @{ AccessKey = 'AKIDBENCHSCHEDULE'; SecretKey = 'bench' }
$reader = @{ AccessKey = 'AKIDBENCHREADER'; SecretKey = 'bench' }

function Set-Throttling {
    Set-PatternSandbox -ClearFaults
    Set-PatternSandbox -LatencyMs $LatencyMs -ThrottleBurst $Burst -ThrottleRefillPerSecond $RefillPerSecond -ThrottleScope Mutating
}
function Get-Mark { $last = Get-PatternSandboxCall -Last 1; if ($last) { $last.Sequence } else { 0 } }
function Get-Ec2Count([long] $Mark) {
    $calls = Get-PatternSandboxCall -Service ec2 -After $Mark
    [pscustomobject]@{
        CreateSnapshots = @($calls | Where-Object { $_.Action -eq 'CreateSnapshots' -and $_.Outcome -eq 'Success' }).Count
        Throttled       = @($calls | Where-Object Outcome -eq 'RequestLimitExceeded').Count
        Principals      = @($calls | Where-Object Action -eq 'CreateSnapshots' | ForEach-Object Principal | Sort-Object -Unique)
    }
}

# The fleet schedule, registered without throttling (registration is not what is measured), then run under it.
$job = Register-PatternSchedule -Pattern Snapshot -Name bench-fleet -Command { New-PatternSnapshot -Self -Wait -Policy bench-fleet } `
    -Schedule 'cron(30 2 * * ? *)' -Scope Fleet -TargetTag Role=fleet -MaxConcurrency $MaxConcurrency -MaxErrors 0 `
    -ModuleSource $manifest -Confirm:$false @operator
Set-Throttling
$mark = Get-Mark
$watch = [Diagnostics.Stopwatch]::StartNew()
$null = Set-PatternSandbox -RunAssociation $job.AssociationId
$fleetSeconds = $watch.Elapsed.TotalSeconds
$fleetCalls = Get-Ec2Count $mark
Set-PatternSandbox -ClearFaults
$read = Get-PatternSchedule -Scope Fleet -Name bench-fleet @reader
$runs = @($read.LastRun)
$ok = @($runs | Where-Object { $_.Status -eq 'Success' -and $_.ExitCode -eq 0 }).Count
$childSeconds = @($runs | Where-Object { $_.StartedAt -and $_.FinishedAt } | ForEach-Object { ($_.FinishedAt - $_.StartedAt).TotalSeconds } | Measure-Object -Average).Average
$concurrency = [Math]::Min([Math]::Max(2, [Environment]::ProcessorCount * 2),
    $(if ($MaxConcurrency.EndsWith('%')) { [Math]::Max(1, [int]($FleetSize * [int]$MaxConcurrency.TrimEnd('%') / 100)) } else { [int]$MaxConcurrency }))

# The same backup from one machine (the operator's credentials, one process).
Set-Throttling
$mark = Get-Mark
$errors = $null
$watch = [Diagnostics.Stopwatch]::StartNew()
$sets = @($ids | New-PatternSnapshot -Policy bench-one-machine -ThrottleLimit 16 -ErrorAction SilentlyContinue -ErrorVariable errors)
$oneSeconds = $watch.Elapsed.TotalSeconds
$oneCalls = Get-Ec2Count $mark
Stop-PatternSandbox

$minimum = [Math]::Max(0, ($FleetSize - $Burst) / $RefillPerSecond)
$minimumAt = [Math]::Max(0, ($ExtrapolateTo - $Burst) / $RefillPerSecond)
$perInstance = $fleetSeconds / $FleetSize
$report = [ordered]@{
    'fleet size'                                           = $FleetSize
    'cores / children at once (MaxConcurrency, ceiling)'   = "$([Environment]::ProcessorCount) / $concurrency ($MaxConcurrency)"
    'bucket minimum (s) = max(0, fleet - burst) / refill'  = $minimum
    'fleet schedule: elapsed (s)'                          = [Math]::Round($fleetSeconds, 2)
    'fleet schedule: instances backed up (exit 0) / runs'  = "$ok / $($runs.Count)"
    'fleet schedule: CreateSnapshots / throttled attempts' = "$($fleetCalls.CreateSnapshots) / $($fleetCalls.Throttled)"
    'fleet schedule: CreateSnapshots by cdp-fleet-role sessions' = "$(@($fleetCalls.Principals | Where-Object { $_ -like '*assumed-role/cdp-fleet-role/*' }).Count) of $(@($fleetCalls.Principals).Count)"
    'fleet schedule: mean time of one child pwsh (s)'      = [Math]::Round($childSeconds, 2)
    'fleet schedule: machine time per instance (s)'        = [Math]::Round($perInstance, 3)
    'ThrottleLimit 16, one machine: elapsed (s)'           = [Math]::Round($oneSeconds, 2)
    'ThrottleLimit 16, one machine: sets / failed'         = "$($sets.Count) / $(@($errors).Count)"
    'ThrottleLimit 16, one machine: throttled attempts'    = $oneCalls.Throttled
    'fleet schedule / one machine'                         = [Math]::Round($fleetSeconds / $oneSeconds, 2)
    "extrapolated to $ExtrapolateTo on this machine (s)"   = [Math]::Round($perInstance * $ExtrapolateTo, 0)
    "bucket minimum at $ExtrapolateTo (s)"                 = $minimumAt
}
$report.GetEnumerator() | ForEach-Object { [pscustomobject]@{ Measure = $_.Key; Value = $_.Value } } | Format-Table -AutoSize | Out-Host
$report | ConvertTo-Json | Set-Content (Join-Path (Split-Path $ModulePath) 'bench-schedule-fleet.json')
if ($ok -ne $FleetSize) { Write-Warning "$($FleetSize - $ok) instance(s) were not backed up by the fleet schedule; the target is none." }
