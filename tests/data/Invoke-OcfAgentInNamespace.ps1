#Requires -Version 7.0
<#
    Runs INSIDE a network namespace of its own (tests/PacemakerAgent.Tests.ps1 starts it under `unshare -rnm`), so the
    agent's `ip addr add` touches only veth0 here and nothing can reach the instance metadata address or the machine's interfaces.
    Starts a sandbox on this namespace's loopback, points both route tables' virtual-IP route at web-2, then runs Debian's
    ocf-tester on the shipped agent (as the RoutingFailover role) and the failure cases, and prints one JSON line.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PwshWrapper
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# This kernel has no dummy driver: a veth pair stands in for eth0; veth0 carries web-1's MAC.
& ip link set lo up
& ip link add veth0 type veth peer name veth1
& ip link set veth0 address 0a:1b:2c:3d:4e:01
& ip link set veth0 up
& ip link set veth1 up

Import-Module (Join-Path $ModulePath 'CloudDesignPatterns.psd1') -ErrorAction Stop
$sandbox = Start-PatternSandbox -CurrentInstanceId 'i-0a1b2c3d4e5f60101'
$url = $sandbox.EndpointUrl.TrimEnd('/')
$vip = '100.64.0.10'
$tables = 'rtb-0a1b2c3d4e5f60031', 'rtb-0a1b2c3d4e5f60032'
$web1Eni = 'eni-0a1b2c3d4e5f60201'; $web2Eni = 'eni-0a1b2c3d4e5f60202'
$agent = Join-Path $ModulePath 'resource-agents/cdp-routing-failover'

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

function Get-RouteTargets {
    foreach ($table in $tables) {
        $answer = Invoke-RawEc2 DescribeRouteTables @{ 'RouteTableId.1' = $table }
        (@($answer.DescribeRouteTablesResponse.routeTableSet.item.routeSet.item) | Where-Object destinationCidrBlock -eq "$vip/32").networkInterfaceId
    }
}

# The scene: both tables route the VIP to web-2 and may be rewritten by the role.
foreach ($table in $tables) {
    $null = Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $table; 'Tag.1.Key' = 'cdp:routing:failover'; 'Tag.1.Value' = 'enabled' }
    $null = Invoke-RawEc2 CreateRoute @{ RouteTableId = $table; DestinationCidrBlock = "$vip/32"; NetworkInterfaceId = $web2Eni }
}
# The agent's pwsh runs as the RoutingFailover role, enforced by the sandbox.
Set-PatternSandbox -AccessKeyId AKIDOCFAGENT -SecretAccessKey agent-secret -PrincipalArn 'arn:aws:iam::123456789012:user/ocf-agent' `
    -Policy (Get-PatternIamPolicy RoutingFailover RoutingFailover)
$env:AWS_ACCESS_KEY_ID = 'AKIDOCFAGENT'; $env:AWS_SECRET_ACCESS_KEY = 'agent-secret'
Set-PatternSandbox -ClearCalls

$options = @('-o', "ip=$vip", '-o', "routing_table=$($tables -join ',')", '-o', 'interface=veth0', '-o', 'region=ap-northeast-1',
    '-o', "endpoint_url=$url", '-o', "pwsh=$PwshWrapper", '-o', "module=$(Join-Path $ModulePath 'CloudDesignPatterns.psd1')", '-o', 'monapi=true')
# ocf-tester checks the agent's mode by running it through `su nobody` when it sees uid 0, which a user namespace cannot
# do (su: cannot set groups). That one check is turned off in a copy; the Pester test asserts mode 755 itself.
$tester = Join-Path ([IO.Path]::GetTempPath()) "ocf-tester-$PID"
(Get-Content /usr/sbin/ocf-tester -Raw).Replace('if [ `id -u` = 0 ]; then', 'if false; then') | Set-Content $tester -NoNewline
& chmod 755 $tester
$testerOutput = & $tester -n cdp-vip @options $agent 2>&1
Remove-Item $tester
$testerExit = $LASTEXITCODE
$calls = @(Get-PatternSandboxCall -Service ec2)
$routesAfter = @(Get-RouteTargets)
$vipLocalAfter = [bool](& ip -o -4 addr show dev veth0 | Select-String -SimpleMatch "inet $vip/32")

# Monitor alone, the resource started: the VIP is local and the routes point here. It must send no mutating call.
$env:OCF_ROOT = '/usr/lib/ocf'
$env:OCF_RESKEY_ip = $vip; $env:OCF_RESKEY_routing_table = $tables -join ','; $env:OCF_RESKEY_interface = 'veth0'
$env:OCF_RESKEY_region = 'ap-northeast-1'; $env:OCF_RESKEY_endpoint_url = $url; $env:OCF_RESKEY_pwsh = $PwshWrapper
$env:OCF_RESKEY_module = Join-Path $ModulePath 'CloudDesignPatterns.psd1'; $env:OCF_RESKEY_monapi = 'true'
$env:OCF_RESKEY_CRM_meta_interval = '10000'   # a recurring monitor, not a probe: probes check the local VIP only
$null = & $agent start 2>&1
$startExit = $LASTEXITCODE
# Another node takes the routes: monitor must notice (not running) and change nothing.
foreach ($table in $tables) { $null = Invoke-RawEc2 ReplaceRoute @{ RouteTableId = $table; DestinationCidrBlock = "$vip/32"; NetworkInterfaceId = $web2Eni } }
$mark = @(Get-PatternSandboxCall -Service ec2).Count
$monitorOutput = & $agent monitor 2>&1
$monitorExit = $LASTEXITCODE
$monitorCalls = @(Get-PatternSandboxCall -Service ec2 | Select-Object -Skip $mark)
$routesAfterMonitor = @(Get-RouteTargets)
$null = & $agent stop 2>&1

# A VIP inside the VPC CIDR: start fails, and says why.
$env:OCF_RESKEY_ip = '10.0.1.99'
$insideOutput = & $agent start 2>&1
$insideExit = $LASTEXITCODE
# A malformed route table id: validate-all refuses it (not configured), with a reason.
$env:OCF_RESKEY_ip = $vip; $env:OCF_RESKEY_routing_table = 'rtb-nope'
$badTableOutput = & $agent validate-all 2>&1
$badTableExit = $LASTEXITCODE

[pscustomobject]@{
    TesterExit         = $testerExit
    TesterOutput       = ($testerOutput | ForEach-Object { "$_" }) -join "`n"
    Actions            = @($calls | ForEach-Object Action)
    Mutating           = @($calls | Where-Object { $_.Action -in 'ReplaceRoute', 'CreateRoute', 'ModifyNetworkInterfaceAttribute' } | ForEach-Object Action)
    Denied             = @($calls | Where-Object Outcome -ne 'Success' | ForEach-Object { "$($_.Action) $($_.Outcome)" })
    RoutesAfter        = $routesAfter
    VipLocalAfter      = $vipLocalAfter
    StartExit          = $startExit
    MonitorExit        = $monitorExit
    MonitorOutput      = ($monitorOutput | ForEach-Object { "$_" }) -join "`n"
    MonitorActions     = @($monitorCalls | ForEach-Object Action)
    RoutesAfterMonitor = $routesAfterMonitor
    InsideExit         = $insideExit
    InsideOutput       = ($insideOutput | ForEach-Object { "$_" }) -join "`n"
    BadTableExit       = $badTableExit
    BadTableOutput     = ($badTableOutput | ForEach-Object { "$_" }) -join "`n"
    Web1Eni            = $web1Eni
} | ConvertTo-Json -Compress -Depth 4
Stop-PatternSandbox
