# Shared helpers of the Pester suites: load the built module, run a sandbox, read its call log,
# register IAM principals in it and start child pwsh processes. build.ps1 Test runs every *.Tests.ps1
# in a fresh pwsh with CDP_MODULE_PATH set to the built module folder.

Set-StrictMode -Version 3.0

# Ids of the sandbox seed (src/CloudDesignPatterns.Sandbox/Ec2/SandboxSeed.cs), so tests name what they expect.
$script:Seed = [pscustomobject]@{
    Region      = 'ap-northeast-1'
    DrRegion    = 'ap-southeast-1'
    AccountId   = '123456789012'
    VpcId       = 'vpc-0a1b2c3d4e5f60001'
    SubnetA     = 'subnet-0a1b2c3d4e5f60011'
    SubnetC     = 'subnet-0a1b2c3d4e5f60012'
    Web1        = 'i-0a1b2c3d4e5f60101'
    Web2        = 'i-0a1b2c3d4e5f60102'
    Db1         = 'i-0a1b2c3d4e5f60103'
    Batch1      = 'i-0a1b2c3d4e5f60104'
    Web1Eni     = 'eni-0a1b2c3d4e5f60201'
    Db1Eni      = 'eni-0a1b2c3d4e5f60203'
    WebRoleName = 'cdp-web-role'
    DbRoleName  = 'cdp-db-role'
    Instances   = @('i-0a1b2c3d4e5f60101', 'i-0a1b2c3d4e5f60102', 'i-0a1b2c3d4e5f60103', 'i-0a1b2c3d4e5f60104')
}

function Get-CdpSeed { $script:Seed }

function Get-CdpModuleManifest {
    if (-not $env:CDP_MODULE_PATH) { throw 'CDP_MODULE_PATH is not set: point it at the built module folder (out/CloudDesignPatterns).' }
    $manifest = Join-Path $env:CDP_MODULE_PATH 'CloudDesignPatterns.psd1'
    if (-not (Test-Path $manifest)) { throw "No module manifest at $manifest; run ./build.ps1 Build first." }
    $manifest
}

# Imports the built module into the global scope (a module function would otherwise import it into its own scope only).
function Import-CdpModule {
    if (-not (Get-Module CloudDesignPatterns)) {
        Import-Module (Get-CdpModuleManifest) -Global -ErrorAction Stop
    }
    Get-Module CloudDesignPatterns
}

# Starts the in-process sandbox unless one already runs in this session.
function Start-CdpSandbox {
    param([string] $CurrentInstanceId)
    $extra = @{}
    if ($CurrentInstanceId) { $extra.CurrentInstanceId = $CurrentInstanceId }
    Start-PatternSandbox @extra -ErrorAction Stop
}

# Stops every sandbox of this session (in-process and -AsProcess) and forgets any principal keys.
function Stop-CdpSandbox {
    Stop-PatternSandbox -ErrorAction SilentlyContinue
}

# The sequence number of the newest recorded call: pass it to Get-CdpCallSince to see only what a step did.
function Get-CdpCallMark {
    param([string] $EndpointUrl)
    $extra = @{}
    if ($EndpointUrl) { $extra.EndpointUrl = $EndpointUrl }
    $last = Get-PatternSandboxCall @extra -Last 1
    if ($last) { [long]$last.Sequence } else { [long]0 }
}

# The calls recorded after a mark, oldest first; imds calls are left out unless -IncludeImds (they are noise for EC2 assertions).
function Get-CdpCallSince {
    param([Parameter(Mandatory)] [long] $Mark, [string] $EndpointUrl, [switch] $IncludeImds)
    $extra = @{}
    if ($EndpointUrl) { $extra.EndpointUrl = $EndpointUrl }
    $calls = @(Get-PatternSandboxCall @extra -After $Mark)
    if (-not $IncludeImds) { $calls = @($calls | Where-Object Service -ne 'imds') }
    $calls
}

# A policy document (JSON) as the given IamPolicy's, minus some actions; statements left empty are dropped.
function Remove-CdpPolicyAction {
    param([Parameter(Mandatory)] $Policy, [Parameter(Mandatory)] [string[]] $Action)
    $json = if ($Policy -is [string]) { $Policy } else { $Policy.Json }
    $document = $json | ConvertFrom-Json
    $kept = foreach ($statement in @($document.Statement)) {
        $actions = @($statement.Action | Where-Object { $_ -notin $Action })
        if ($actions.Count -eq 0) { continue }
        $statement.Action = $actions
        $statement
    }
    $document.Statement = @($kept)
    $document | ConvertTo-Json -Depth 10
}

# Registers an access key in the sandbox whose calls are checked against -Policy; returns the key and a splat for cmdlets.
function Register-CdpPrincipal {
    param(
        [Parameter(Mandatory)] [string] $AccessKeyId,
        [Parameter(Mandatory)] [object[]] $Policy,
        [string] $SecretAccessKey = 'test-secret',
        [string] $UserName
    )
    if (-not $UserName) { $UserName = $AccessKeyId.ToLowerInvariant() }
    $arn = "arn:aws:iam::$($script:Seed.AccountId):user/$UserName"
    Set-PatternSandbox -AccessKeyId $AccessKeyId -SecretAccessKey $SecretAccessKey -PrincipalArn $arn -Policy $Policy -ErrorAction Stop
    [pscustomobject]@{
        AccessKeyId     = $AccessKeyId
        SecretAccessKey = $SecretAccessKey
        PrincipalArn    = $arn
        Splat           = @{ AccessKey = $AccessKeyId; SecretKey = $SecretAccessKey }
    }
}

# Runs a script block with the principal's keys in $Principal (use @Principal on the cmdlets in it).
function Invoke-AsCdpPrincipal {
    param([Parameter(Mandatory)] $Principal, [Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    & $ScriptBlock $Principal.Splat
}

# The ErrorRecord a script block ends with ($null when it succeeds). Use -ErrorAction Stop inside for non-terminating errors.
function Get-CdpError {
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    try { $null = & $ScriptBlock; $null }
    catch { $_ }
}

# The pwsh running these tests: an apphost, or 'dotnet pwsh.dll' when pwsh runs as a local dotnet tool.
function Get-CdpPwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { return @($process, (Join-Path $PSHOME 'pwsh.dll')) }
    @($process)
}

# Runs a script in a fresh pwsh (same environment) and parses the last line it prints as JSON.
function Invoke-CdpChildPwsh {
    param([Parameter(Mandatory)] [string] $Script, [int] $TimeoutSeconds = 120)
    $pwsh = Get-CdpPwshCommand
    $file = Join-Path ([IO.Path]::GetTempPath()) "cdp-child-$([guid]::NewGuid().ToString('n')).ps1"
    Set-Content -Path $file -Value $Script -Encoding utf8
    try {
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file 2>&1
        $exit = $LASTEXITCODE
        $lines = @($output | ForEach-Object { "$_" })
        $json = $lines | Where-Object { $_.TrimStart().StartsWith('{') } | Select-Object -Last 1
        if (-not $json) { throw "The child pwsh printed no JSON (exit $exit):`n$($lines -join "`n")" }
        $result = $json | ConvertFrom-Json
        $result | Add-Member -NotePropertyName ExitCode -NotePropertyValue $exit -Force
        $result | Add-Member -NotePropertyName Output -NotePropertyValue ($lines -join "`n") -Force
        $result
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

# True when nothing listens on the port (it can be bound again).
function Test-CdpPortFree {
    param([Parameter(Mandatory)] [int] $Port)
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, $Port)
    try { $listener.Start(); $true }
    catch { $false }
    finally { $listener.Stop() }
}

# Runs a script block in a runspace of this process whose host answers each -Confirm prompt: No when its message
# matches one of -Decline (regular expressions), otherwise Yes, as an operator at the keyboard would. The module and the session
# defaults (the sandbox endpoint) are shared with this session. Returns the output, the errors and the prompts shown.
function Invoke-CdpAnswering {
    param([string[]] $Decline = @(), [Parameter(Mandatory)] [scriptblock] $ScriptBlock, [object[]] $ArgumentList = @())
    if (-not ('CdpTests.AnsweringHost' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'data/AnsweringHost.cs') -ErrorAction Stop
    }
    $answeringHost = [CdpTests.AnsweringHost]::new([string[]] $Decline)
    $runspace = [runspacefactory]::CreateRunspace($answeringHost)
    $runspace.Open()
    try {
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        $null = $ps.AddCommand('Import-Module').AddArgument((Get-CdpModuleManifest)).AddStatement()
        $null = $ps.AddScript($ScriptBlock.ToString())
        foreach ($argument in $ArgumentList) { $null = $ps.AddArgument($argument) }
        $output = $ps.Invoke()
        [pscustomobject]@{ Output = @($output); Errors = @($ps.Streams.Error); Prompts = @($answeringHost.Prompts) }
    }
    finally { $runspace.Dispose() }
}


# A raw EC2 Query call as the sandbox's unchecked admin (the sandbox does not verify signatures), for setting a scene
# without the module under test.
function Invoke-CdpRawEc2 {
    param([Parameter(Mandatory)] [string] $EndpointUrl, [Parameter(Mandatory)] [string] $Action, [hashtable] $Parameters = @{})
    $pairs = @("Action=$Action", 'Version=2016-11-15') + @($Parameters.GetEnumerator() | ForEach-Object {
            [uri]::EscapeDataString($_.Key) + '=' + [uri]::EscapeDataString([string]$_.Value) })
    $date = [DateTime]::UtcNow
    $headers = @{
        Authorization = "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXADMIN/$($date.ToString('yyyyMMdd'))/$($script:Seed.Region)/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
        'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
    }
    $response = Invoke-WebRequest -Uri $EndpointUrl -Method Post -Body ($pairs -join '&') -Headers $headers `
        -ContentType 'application/x-www-form-urlencoded; charset=utf-8' -SkipHttpErrorCheck -SkipHeaderValidation
    if ([int]$response.StatusCode -ne 200) { throw "$Action failed: HTTP $([int]$response.StatusCode) $($response.Content)" }
    [xml]$response.Content
}

# Puts tags on a resource (instance metadata shows an instance's tags too), or removes them by key.
function Set-CdpResourceTag {
    param([Parameter(Mandatory)] [string] $EndpointUrl, [Parameter(Mandatory)] [string] $ResourceId, [Parameter(Mandatory)] [hashtable] $Tags)
    $parameters = @{ 'ResourceId.1' = $ResourceId }
    $i = 1
    foreach ($tag in $Tags.GetEnumerator()) { $parameters["Tag.$i.Key"] = $tag.Key; $parameters["Tag.$i.Value"] = $tag.Value; $i++ }
    Invoke-CdpRawEc2 $EndpointUrl CreateTags $parameters | Out-Null
}

function Remove-CdpResourceTag {
    param([Parameter(Mandatory)] [string] $EndpointUrl, [Parameter(Mandatory)] [string] $ResourceId, [Parameter(Mandatory)] [string[]] $Key)
    $parameters = @{ 'ResourceId.1' = $ResourceId }
    for ($i = 0; $i -lt $Key.Count; $i++) { $parameters["Tag.$($i + 1).Key"] = $Key[$i] }
    Invoke-CdpRawEc2 $EndpointUrl DeleteTags $parameters | Out-Null
}
Export-ModuleMember -Function *-Cdp*
