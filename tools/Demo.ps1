<#
.SYNOPSIS
    Every pattern end to end against the local sandbox, printed as an operator would see it.
    Run through build.ps1 Demo, which builds the module and isolates this process from real AWS.
#>
param([Parameter(Mandatory)][string] $ModulePath)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'CloudDesignPatterns.psd1')

function Show([string] $Title, [scriptblock] $Command) {
    Write-Host ''
    Write-Host "PS> $($Command.ToString().Trim())" -ForegroundColor Yellow
    Write-Host "    # $Title" -ForegroundColor DarkGray
    # Wide enough for the tables, whatever width the terminal (or a redirected CI log) reports.
    & $Command | Out-String -Width 160 | Write-Host -NoNewline
}

$sandbox = Start-PatternSandbox -SnapshotDelaySeconds 1
try {
    Show 'the sandbox: EC2, STS and instance metadata on one loopback port, now the session default' { $sandbox }
    Show 'session defaults' { Get-PatternDefault }

    Show 'metadata core: who am I (IMDSv2, on web-1)' { Get-PatternInstanceMetadata | Format-List }
    Show 'Cloud DI: this instance''s settings, from instance tags and user data' { Get-PatternConfiguration -Self | Format-List InstanceId, Pattern, Settings }
    Show 'Cloud DI for other instances (ec2:DescribeTags + DescribeInstanceAttribute)' {
        'i-0a1b2c3d4e5f60102', 'i-0a1b2c3d4e5f60103' | Get-PatternConfiguration -Pattern snapshot | Format-Table InstanceId, Pattern, Policy, KeepGenerations, Image
    }

    Show 'least privilege: the policy the core cmdlets need' { Get-PatternIamPolicy -Pattern * | Format-Table Pattern, Role, @{ n = 'Actions'; e = { $_.Actions.Count } }, Description -Wrap }
    $core = Get-PatternIamPolicy -Pattern Core
    Set-PatternSandbox -AccessKeyId AKIDOPERATOR -SecretAccessKey demo -PrincipalArn 'arn:aws:iam::123456789012:user/operator' -Policy $core
    Show 'an operator holding only the Core policy reads configuration' {
        Get-PatternConfiguration -InstanceId i-0a1b2c3d4e5f60102 -AccessKey AKIDOPERATOR -SecretKey demo | Format-Table InstanceId, Pattern, Policy, KeepGenerations
    }
    $withoutTags = $core.Json | ConvertFrom-Json
    foreach ($statement in $withoutTags.Statement) { $statement.Action = @($statement.Action | Where-Object { $_ -ne 'ec2:DescribeTags' }) }
    Set-PatternSandbox -AccessKeyId AKIDINTERN -SecretAccessKey demo -PrincipalArn 'arn:aws:iam::123456789012:user/intern' -Policy ($withoutTags | ConvertTo-Json -Depth 10)
    Show 'the same without ec2:DescribeTags: the error names the missing action' {
        Get-PatternConfiguration -InstanceId i-0a1b2c3d4e5f60102 -AccessKey AKIDINTERN -SecretKey demo -ErrorAction Continue 2>&1 |
            ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { "ERROR [$($_.CategoryInfo.Category)] $($_.FullyQualifiedErrorId): $($_.Exception.Message)" } else { $_ } }
    }

    Show 'Snapshot pattern: the nightly job on web-1 (Cloud DI: policy nightly, DR region ap-southeast-1), backup then DR copy' {
        New-PatternSnapshot -Self -Wait | Copy-PatternSnapshot -Wait -Confirm:$false
    }
    1..3 | ForEach-Object { $null = New-PatternSnapshot -Self -Wait }
    Show 'four generations of web-1 in the primary region, newest first' { Get-PatternSnapshot -Self }
    Show 'the copy in the DR region, tagged with its source' { Get-PatternSnapshot -Self -Region ap-southeast-1 | Format-List SetId, Region, SourceRegion, SourceSetId, State }

    Set-PatternSandbox -AccessKeyId AKIDROTATION -SecretAccessKey demo -PrincipalArn 'arn:aws:iam::123456789012:role/cdp-rotation' -Policy (Get-PatternIamPolicy Snapshot SnapshotRotation)
    Show 'rotation is a separate job with its own role: keep 2 generations (the host itself cannot delete its backups)' {
        Remove-PatternSnapshot -InstanceId i-0a1b2c3d4e5f60101 -Policy nightly -KeepGenerations 2 -AccessKey AKIDROTATION -SecretKey demo -Force -PassThru |
            Format-Table SetId, Action, Reason -Wrap
    }
    Show 'restore drill: the newest set into new volumes in the source zone' {
        Get-PatternSnapshot -Self | Select-Object -First 1 | Restore-PatternSnapshot -Wait -Confirm:$false | Format-List
    }

    # --- On-demand Bastion: request -> approve (someone else) -> start -> it expires -> the sweep removes it ---
    foreach ($role in 'BastionRequester', 'BastionApprover', 'BastionOperator') {
        $user = @{ BastionRequester = 'alice'; BastionApprover = 'bob'; BastionOperator = 'ops' }[$role]
        Set-PatternSandbox -AccessKeyId "AKIDDEMO$($user.ToUpper())" -SecretAccessKey demo -PrincipalArn "arn:aws:iam::123456789012:user/$user" -Policy (Get-PatternIamPolicy Bastion $role)
    }
    $alice = @{ AccessKey = 'AKIDDEMOALICE'; SecretKey = 'demo' }
    $bob = @{ AccessKey = 'AKIDDEMOBOB'; SecretKey = 'demo' }
    $ops = @{ AccessKey = 'AKIDDEMOOPS'; SecretKey = 'demo' }
    Show 'bastion: alice asks for 20 seconds of SSH from her address (a closed security group, tagged)' {
        $script:bastionRequest = Request-OnDemandBastion -SourceAddress 203.0.113.7 -Duration 20s -Reason 'CHG-1234 patch db-1' @alice
        $bastionRequest
    }
    Show 'bastion: alice cannot approve her own request' {
        $bastionRequest | Approve-OnDemandBastion @alice -ErrorAction Continue 2>&1 | ForEach-Object { "$_" }
    }
    Show 'bastion: bob approves it' { $bastionRequest | Approve-OnDemandBastion @bob -Force }
    Show 'bastion: the operator starts it (one rule for 203.0.113.7/32, IMDSv2, terminates itself at expiry)' {
        $bastionRequest | Start-OnDemandBastion -ImageId ami-0a1b2c3d4e5f60401 -SubnetId subnet-0a1b2c3d4e5f60011 -Force @ops
    }
    Show 'bastion: what is open right now' { Get-OnDemandBastion @ops }
    Write-Host '    # (waiting 21 seconds for the window to pass)' -ForegroundColor DarkGray
    Start-Sleep -Seconds 21
    Show 'bastion: the window has passed' { Get-OnDemandBastion @ops }
    Show 'bastion: the scheduled sweep removes what expired, and nothing else' { Stop-OnDemandBastion -Expired -Force @ops }

    Set-PatternSandbox -FailNext 2 -FaultAction DescribeTags
    Show 'a GameDay drill: two 500s in a row are retried, the command still succeeds' {
        Get-PatternConfiguration -InstanceId i-0a1b2c3d4e5f60103 -Pattern snapshot -Verbose 4>&1 | Out-String -Width 200
    }
    Show 'the sandbox''s call log: what was called, by whom, with what outcome' {
        Get-PatternSandboxCall -Service ec2 -Last 8 | Format-Table Sequence, Action, Principal, Outcome, HttpStatus
    }

    # --- Routing-based HA (#11): a virtual IP failed over between web-1 and web-2 by rewriting route tables
    Show 'Routing-based HA: web-1 creates the VIP route in both tables (VIP 100.64.0.10 from its user data)' {
        Set-RoutingFailover -Self -RouteTableId rtb-0a1b2c3d4e5f60031, rtb-0a1b2c3d4e5f60032 -CreateMissing
    }
    Show 'where each table sends the virtual IP' { Get-RoutingFailover -VirtualIp 100.64.0.10 }
    Set-PatternSandbox -CurrentInstanceId i-0a1b2c3d4e5f60102
    Show 'web-1 is lost: web-2 takes the VIP over as itself, both tables in one round trip, read back' {
        Set-RoutingFailover -Self -VirtualIp 100.64.0.10 | Select-Object -ExpandProperty Tables
    }
    Show 'the monitor on web-2 (describes only)' { Test-RoutingFailover -VirtualIp 100.64.0.10 }
    Set-PatternSandbox -CurrentInstanceId i-0a1b2c3d4e5f60101
    Show 'web-1 is back and fails back' { Set-RoutingFailover -Self }
    Show 'run again: every table is AlreadyCurrent and no change is sent' { Set-RoutingFailover -Self | Select-Object -ExpandProperty Tables }

    # --- Floating IP (#11): web-1's Elastic IP moved to web-2 and back, verified by reading the association back
    Show 'Floating IP: where web-1''s Elastic IP is now' { Get-FloatingIp -AllocationId eipalloc-0a1b2c3d4e5f60501 }
    Show 'web-1 is lost: move its Elastic IP to web-2 (one AssociateAddress with reassociation, then a read-back)' {
        Move-FloatingIp -AllocationId eipalloc-0a1b2c3d4e5f60501 -InstanceId i-0a1b2c3d4e5f60102
    }
    Show 'a secondary private IP cannot cross subnets: refused, with why, before any change' {
        try { Move-FloatingIp -PrivateIp 10.0.1.10 -InstanceId i-0a1b2c3d4e5f60102 }
        catch { "ERROR [$($_.CategoryInfo.Category)] $($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
    }
    Show 'web-1 is back and takes its Elastic IP as itself, waiting until its instance metadata shows it' {
        Move-FloatingIp -AllocationId eipalloc-0a1b2c3d4e5f60501 -Self | Format-List AllocationId, PublicIp, PreviousInstanceId, InstanceId, Outcome, MetadataConfirmed
    }

    # --- DNS failover with Route 53 (#12): a pair guarded by a health check, the static S3 page as the last fortress
    Set-PatternSandbox -Route53ChangeDelaySec 1
    $dnsPair = @{ HostedZoneId = 'Z0CDP000000PUBLIC1'; RecordName = 'app.example.com'; Primary = '198.51.100.10'
        Secondary = 'cdp-fallback.s3-website-ap-northeast-1.amazonaws.com'; SecondaryAliasHostedZoneId = 'Z2M4EHUR26P7ZW'
        HealthCheck = @{ Address = '198.51.100.10'; Path = '/health'; Interval = 10 } }
    Show 'DNS failover: app.example.com as a PRIMARY/SECONDARY pair, the health check created, waited until INSYNC' {
        $script:dnsResult = Set-Route53Failover @dnsPair -Wait
        $dnsResult | Format-List RecordName, Mode, Primary, Secondary, PrimaryHealthCheckId, Changes, Status, ExpectedFailoverTime
    }
    Show 'run again: already as asked, nothing is sent' { Set-Route53Failover @dnsPair }
    Show 'Route 53 answers with the primary while its health check passes' { Get-Route53Failover -HostedZoneId Z0CDP000000PUBLIC1 -RecordName app.example.com }
    Set-PatternSandbox -HealthCheckId $dnsResult.PrimaryHealthCheckId -HealthCheckStatus Unhealthy
    Show 'the primary fails its health check: Route 53 answers with the static S3 page' { $dnsResult | Get-Route53Failover }
    Show 'a private name no checker can reach: switched to the standby by hand, with the TTL warning' {
        Set-Route53Failover -ZoneName example.com -PrivateZone -RecordName db.example.com -Primary 10.0.1.20 -Secondary 10.0.2.20 -SwitchTo Secondary -Ttl 300 3>&1
    }

    # --- GameDay (issue 14): two sample drills, the faults under the GameDay role, then the report
    Set-PatternSandbox -ClearFaults -CurrentInstanceId i-0a1b2c3d4e5f60101
    Set-RoutingFailover -VirtualIp 100.64.0.10 -RouteTableId rtb-0a1b2c3d4e5f60031, rtb-0a1b2c3d4e5f60032 -InstanceId i-0a1b2c3d4e5f60101 -Confirm:$false | Out-Null
    Set-PatternSandbox -HealthCheckId $dnsResult.PrimaryHealthCheckId -HealthCheckStatus Healthy
    Set-Route53Failover -HostedZoneId Z0CDP000000PUBLIC1 -RecordName app.example.com -Primary 198.51.100.10 -Secondary 198.51.100.20 -Ttl 5 `
        -HealthCheck @{ Address = '198.51.100.10'; Path = '/health'; Interval = 10; Threshold = 1 } -Confirm:$false | Out-Null
    $report = Join-Path ([System.IO.Path]::GetTempPath()) 'cdp-gameday-demo.html'
    Show 'GameDay: web-1 stopped (route-table failover) and the primary endpoint failing (Route 53 failover), side by side' {
        $script:drills = Invoke-PatternGameDay -Path (Join-Path $PSScriptRoot '..' 'docs' 'gameday' 'routing-ha.psd1'), (Join-Path $PSScriptRoot '..' 'docs' 'gameday' 'dns-failover.psd1') `
            -ReportPath $report -Confirm:$false
        $drills
    }
    Show 'the route-table drill''s timeline: each step with its API calls from the call log' { $drills[0].Timeline }
    Write-Host "    # report: $report" -ForegroundColor DarkGray
    # Operational Firewall and On-demand Firewall (issue 13): converge a team firewall, then a time-limited grant.
    $firewall = @{ Teams = @{ web = @{ Description = 'Web tier'; Rules = @(@{ Port = 443; Source = '10.0.0.0/16'; Description = 'HTTPS from the VPC' }); AttachTo = @{ Role = 'web' } } } }
    Show 'Operational Firewall: converge the web team''s group (a second run changes nothing)' {
        Set-OperationalFirewall -Definition $firewall -Force | Format-Table Team, Action, SecurityGroupId, Rule, InstanceId, Status
        "second run: $(@(Set-OperationalFirewall -Definition $firewall -Force).Count) changes; Test-OperationalFirewall: $(Test-OperationalFirewall -Definition $firewall)"
    }
    Show 'On-demand Firewall: SSH from one address for 2 hours, then revoked' {
        $grant = Grant-OnDemandIngress sg-0a1b2c3d4e5f60043 -Port 22 -Cidr 203.0.113.7/32 -Duration 2h -Grantee alice -Force
        $grant | Format-Table GrantId, SecurityGroupId, Port, Cidr, Grantee, ExpiresUtc, Status
        $grant | Revoke-OnDemandIngress -Force | Format-Table GrantId, SecurityGroupRuleId, Status
    }

    # --- Scheduled runs (issue 15): a fleet backup as a State Manager association, run once by the sandbox
    Set-PatternSandbox -AccessKeyId AKIDSCHEDULER -SecretAccessKey demo -PrincipalArn 'arn:aws:iam::123456789012:user/scheduler' -Policy (Get-PatternIamPolicy Schedule Schedule)
    Get-PatternIamPolicy Snapshot Snapshot | Set-PatternSandbox -RoleName cdp-web-role   # each web instance backs itself up under its own role
    $scheduler = @{ AccessKey = 'AKIDSCHEDULER'; SecretKey = 'demo' }
    # Reading each run's output (ssm:GetCommandInvocation) is the ScheduleReader role's, not the operator's.
    Set-PatternSandbox -AccessKeyId AKIDSCHEDREADER -SecretAccessKey demo -PrincipalArn 'arn:aws:iam::123456789012:user/schedule-reader' -Policy (Get-PatternIamPolicy Schedule ScheduleReader)
    $reader = @{ AccessKey = 'AKIDSCHEDREADER'; SecretKey = 'demo' }
    Show 'Scheduled runs: one association backs up every instance tagged Role=web at 02:30 UTC (the operator holds only the Schedule role)' {
        $script:fleetJob = Register-PatternSchedule -Pattern Snapshot -Name web-nightly -Command { New-PatternSnapshot -Self -Wait } -Schedule 'cron(30 2 * * ? *)' `
            -Scope Fleet -TargetTag Role=web -MaxConcurrency 50% -MaxErrors 1 -ModuleSource (Join-Path $ModulePath 'CloudDesignPatterns.psd1') -Confirm:$false @scheduler
        $fleetJob | Format-List Name, AssociationId, Schedule, TargetTag, MaxConcurrency, MaxErrors, Action
    }
    Show 'the sandbox runs it now: each instance runs Invoke-PatternJob in a child pwsh with its own instance metadata' {
        Set-PatternSandbox -RunAssociation $fleetJob.AssociationId
    }
    Show 'the last run on each instance (as the ScheduleReader role): State Manager''s status, and from Run Command the job''s exit code and summary line' {
        $run = Get-PatternSchedule -Scope Fleet -Name web-nightly @reader
        "last run: $($run.LastRunStatus)"
        $run.LastRun | Format-Table InstanceId, Status, ExitCode, @{ n = 'Summary'; e = { $s = $_.Summary | ConvertFrom-Json; "$($s.status), $($s.items) item(s), $($s.awsCalls) AWS calls, $($s.durationMs) ms" } }
    }
    Show 'and removed again (read back: the association is gone)' {
        Get-PatternSchedule -Scope Fleet -Name web-nightly @reader | Unregister-PatternSchedule -Force @scheduler
    }
}
finally {
    Stop-PatternSandbox
}
Write-Host ''
Write-Host 'Demo complete.' -ForegroundColor Green
