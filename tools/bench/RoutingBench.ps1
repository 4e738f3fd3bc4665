<#
.SYNOPSIS
    Routing-based HA failover time, side by side with Debian's aws-vpc-move-ip (resource-agents), for N route tables.
.DESCRIPTION
    One sandbox with 50 ms of latency per call (-LatencyMs) and 8 route tables in web-1's VPC, each with a route for the
    virtual IP. For each N in -Tables, the routes are pointed at web-2 and then failed over to web-1 three ways:

    - aws-vpc-move-ip `start`: a copy of Debian's agent whose metadata URL is rewritten to the sandbox's, with an
      `awscli` wrapper that adds --endpoint-url. It puts the VIP on veth0, whose MAC is web-1's.
    - our whole process: a fresh `pwsh -NoProfile`, Import-Module, Set-RoutingFailover -Self -RouteTableId ...
    - our in-session time: Set-RoutingFailover -Self in this (warm) session.

    For each it records the wall time, the EC2 calls the sandbox logged, and the window in which some tables pointed at
    the old node and some at the new one (first to last ReplaceRoute). Everything runs inside a user + network + mount
    namespace of its own (unshare -rnm, a veth pair: this kernel has no dummy driver), so no interface of the machine
    is touched and nothing can reach 169.254.169.254. Skipped, with a warning, where unshare or resource-agents is missing.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    # The N to measure, comma-separated (a string, so it survives the re-run inside the namespace).
    [string] $Tables = '1,2,4,8',
    [ValidateRange(0, 1000)][int] $LatencyMs = 50,
    [string] $OutFile
)

$ErrorActionPreference = 'Stop'
$counts = @($Tables -split ',' | ForEach-Object { [int]$_ })
$Agent = '/usr/lib/ocf/resource.d/heartbeat/aws-vpc-move-ip'
$manifest = (Resolve-Path (Join-Path $ModulePath 'CloudDesignPatterns.psd1')).Path
if (-not $OutFile) { $OutFile = Join-Path (Split-Path (Resolve-Path $ModulePath).Path -Parent) 'bench-routing.json' }
$pwsh = @([Environment]::ProcessPath)
if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += (Join-Path $PSHOME 'pwsh.dll') }

# --- Outside: re-run this script inside a namespace of its own.
if ($env:CDP_ROUTING_BENCH_NETNS -ne '1') {
    foreach ($need in @(@{ Path = '/usr/bin/unshare'; What = 'unshare (util-linux)' }, @{ Path = $Agent; What = "Debian's resource-agents (apt-get install resource-agents)" },
            @{ Path = '/usr/bin/aws'; What = "Debian's awscli" })) {
        if (-not (Test-Path $need.Path)) { Write-Warning "Routing benchmark skipped: $($need.What) is not installed."; return }
    }
    $env:CDP_ROUTING_BENCH_NETNS = '1'
    try {
        & /usr/bin/unshare -rnm @pwsh -NoProfile -NonInteractive -File $PSCommandPath -ModulePath $ModulePath -Tables $Tables -LatencyMs $LatencyMs -OutFile $OutFile
        if ($LASTEXITCODE -ne 0) { throw "The routing benchmark failed (exit $LASTEXITCODE)." }
    }
    finally { Remove-Item Env:CDP_ROUTING_BENCH_NETNS }
    return
}

# --- Inside the namespace: loopback for the sandbox, veth0 with web-1's MAC for the agent.
& ip link set lo up
& ip link add veth0 type veth peer name veth1
& ip link set veth0 address 0a:1b:2c:3d:4e:01
& ip link set veth0 up
& ip link set veth1 up

Import-Module $manifest
$sandbox = Start-PatternSandbox
$url = $sandbox.EndpointUrl.TrimEnd('/')
$vip = '100.64.0.10'
$web1Eni = 'eni-0a1b2c3d4e5f60201'; $web2Eni = 'eni-0a1b2c3d4e5f60202'; $vpc = 'vpc-0a1b2c3d4e5f60001'
$env:AWS_ACCESS_KEY_ID = 'AKIDSANDBOXADMIN'; $env:AWS_SECRET_ACCESS_KEY = 'bench'; $env:AWS_REGION = 'ap-northeast-1'
$env:AWS_ENDPOINT_URL_EC2 = $url

$work = Join-Path ([IO.Path]::GetTempPath()) "cdp-routing-bench-$PID"
New-Item -ItemType Directory -Path $work | Out-Null

function Invoke-RawEc2([string] $Action, [hashtable] $Parameters) {
    $pairs = @("Action=$Action", 'Version=2016-11-15') + @($Parameters.GetEnumerator() | ForEach-Object {
            [uri]::EscapeDataString($_.Key) + '=' + [uri]::EscapeDataString([string]$_.Value) })
    $date = [DateTime]::UtcNow
    $headers = @{
        Authorization = "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXADMIN/$($date.ToString('yyyyMMdd'))/ap-northeast-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
        'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
    }
    $r = Invoke-WebRequest -Uri $url -Method Post -Body ($pairs -join '&') -Headers $headers -ContentType 'application/x-www-form-urlencoded; charset=utf-8' -SkipHttpErrorCheck -SkipHeaderValidation
    if ([int]$r.StatusCode -ne 200) { throw "$Action failed: $($r.Content)" }
    [xml]$r.Content
}

try {
    # Eight tables in web-1's VPC, each routing the virtual IP.
    $ids = @('rtb-0a1b2c3d4e5f60031', 'rtb-0a1b2c3d4e5f60032')
    while ($ids.Count -lt ($counts | Measure-Object -Maximum).Maximum) {
        $ids += (Invoke-RawEc2 CreateRouteTable @{ VpcId = $vpc }).CreateRouteTableResponse.routeTable.routeTableId
    }
    foreach ($id in $ids) { $null = Invoke-RawEc2 CreateRoute @{ RouteTableId = $id; DestinationCidrBlock = "$vip/32"; NetworkInterfaceId = $web2Eni } }
    $null = Invoke-RawEc2 ModifyNetworkInterfaceAttribute @{ NetworkInterfaceId = $web1Eni; 'SourceDestCheck.Value' = 'false' }

    # The agent, pointed at the sandbox: metadata URL rewritten, the CLI wrapped to add --endpoint-url.
    $agentCopy = Join-Path $work 'aws-vpc-move-ip'
    (Get-Content $Agent -Raw).Replace('http://169.254.169.254', $url) | Set-Content $agentCopy -NoNewline
    & chmod +x $agentCopy
    $wrapper = Join-Path $work 'aws'
    "#!/bin/sh`nexec /usr/bin/aws --endpoint-url $url `"`$@`"`n" | Set-Content $wrapper -NoNewline
    & chmod +x $wrapper
    "[default]`nregion = ap-northeast-1`n" | Set-Content (Join-Path $work 'config')
    "[default]`naws_access_key_id = AKIDSANDBOXADMIN`naws_secret_access_key = bench`n" | Set-Content (Join-Path $work 'credentials')

    function Reset-Routes([string[]] $Ids) {
        foreach ($id in $Ids) { $null = Invoke-RawEc2 ReplaceRoute @{ RouteTableId = $id; DestinationCidrBlock = "$vip/32"; NetworkInterfaceId = $web2Eni } }
        & ip addr del "$vip/32" dev veth0 2>$null
        Set-PatternSandbox -ClearCalls
    }

    # What a run sent and how long the tables were split between the nodes (first to last successful ReplaceRoute).
    function Measure-Calls([string[]] $Ids, [string] $What) {
        $calls = @(Get-PatternSandboxCall -Service ec2)
        $replaces = @($calls | Where-Object { $_.Action -eq 'ReplaceRoute' -and $_.Outcome -eq 'Success' } | Sort-Object Time)
        $routes = @(Get-RoutingFailover -VirtualIp $vip -RouteTableId $Ids)
        if (@($routes | Where-Object NetworkInterfaceId -ne $web1Eni).Count -gt 0) { throw "$What left some tables off web-1." }
        [pscustomobject]@{
            Calls    = $calls.Count
            WindowMs = if ($replaces.Count -gt 1) { ($replaces[-1].Time - $replaces[0].Time).TotalMilliseconds } else { 0 }
        }
    }

    Set-PatternSandbox -LatencyMs $LatencyMs -CurrentInstanceId i-0a1b2c3d4e5f60101
    # Warm this session once, so the in-session figure is a running node's, not the first call's JIT.
    Reset-Routes $ids
    $null = Set-RoutingFailover -Self -RouteTableId $ids

    $agentEnv = @{
        OCF_ROOT = '/usr/lib/ocf'; OCF_FUNCTIONS_DIR = '/usr/lib/ocf/lib/heartbeat'; OCF_RESOURCE_INSTANCE = 'vip'
        OCF_RESKEY_ip = $vip; OCF_RESKEY_interface = 'veth0'; OCF_RESKEY_region = 'ap-northeast-1'; OCF_RESKEY_awscli = $wrapper
        OCF_RESKEY_profile = 'default'; AWS_CONFIG_FILE = (Join-Path $work 'config'); AWS_SHARED_CREDENTIALS_FILE = (Join-Path $work 'credentials')
        AWS_PAGER = ''; HA_LOGFILE = (Join-Path $work 'agent.log')
    }
    $rows = foreach ($n in $counts) {
        $set = $ids[0..($n - 1)]
        Write-Host "N = $n ..."

        Reset-Routes $set
        $agentEnv.OCF_RESKEY_routing_table = $set -join ','
        foreach ($k in $agentEnv.Keys) { Set-Item "Env:$k" $agentEnv[$k] }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & /bin/bash $agentCopy start *> (Join-Path $work "agent-$n.out")
        $agentExit = $LASTEXITCODE
        $agentMs = $watch.Elapsed.TotalMilliseconds
        foreach ($k in $agentEnv.Keys) { Remove-Item "Env:$k" }
        if ($agentExit -ne 0) { throw "aws-vpc-move-ip start failed (exit $agentExit): $(Get-Content (Join-Path $work "agent-$n.out") -Raw)" }
        $agent = Measure-Calls $set 'aws-vpc-move-ip'

        Reset-Routes $set
        $command = "Import-Module '$manifest'; `$r = Set-RoutingFailover -Self -RouteTableId $($set -join ',') -ErrorAction Stop; if (-not `$r.Succeeded) { exit 1 }"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $command | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "Set-RoutingFailover in a fresh pwsh failed (exit $LASTEXITCODE)." }
        $processMs = $watch.Elapsed.TotalMilliseconds
        $process = Measure-Calls $set 'Set-RoutingFailover (process)'

        Reset-Routes $set
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Set-RoutingFailover -Self -RouteTableId $set
        $sessionMs = $watch.Elapsed.TotalMilliseconds
        $session = Measure-Calls $set 'Set-RoutingFailover (session)'

        [pscustomobject][ordered]@{
            N                      = $n
            'agent s'              = [Math]::Round($agentMs / 1000, 2)
            'agent calls'          = $agent.Calls
            'agent split s'        = [Math]::Round($agent.WindowMs / 1000, 2)
            'cdp process s'        = [Math]::Round($processMs / 1000, 2)
            'cdp session ms'       = [Math]::Round($sessionMs)
            'cdp round trips'      = if ($LatencyMs -gt 0) { [Math]::Round($result.ElapsedMilliseconds / $LatencyMs, 1) } else { $null }
            'cdp calls'            = $session.Calls
            'cdp split ms'         = [Math]::Round($session.WindowMs)
            'agent / cdp process'  = [Math]::Round($agentMs / $processMs, 1)
        }
    }
    $rows | Format-Table -AutoSize | Out-String -Width 200 | Out-Host
    Write-Host "Sandbox latency $LatencyMs ms per call. 'cdp round trips' = verified-state time / latency; 'split' = first to last ReplaceRoute."
    $four = $rows | Where-Object N -eq 4
    if ($four -and $four.'agent / cdp process' -lt 10) { Write-Warning "At N = 4 the whole-process failover is only $($four.'agent / cdp process')x faster than aws-vpc-move-ip; the target is 10x." }
    @{ LatencyMs = $LatencyMs; Rows = @($rows) } | ConvertTo-Json -Depth 4 | Set-Content $OutFile
    Write-Host "Written to $OutFile"
}
finally {
    Stop-PatternSandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
