#Requires -Version 7.0
# On-demand Bastion against the sandbox, with four principals each holding EXACTLY published Bastion roles, enforced by
# the sandbox: alice (BastionRequester), bob (BastionApprover), olga (BastionOperator) and dave (requester AND approver,
# to prove the self-approval rule is the cmdlet's and not only IAM's). Each rule that keeps people out has its own test,
# asserted on typed results, on state read back from the sandbox and on the calls the sandbox recorded.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-CdpSandbox -CurrentInstanceId $Seed.Web1
    $script:RequesterRole = Get-PatternIamPolicy Bastion BastionRequester
    $script:ApproverRole = Get-PatternIamPolicy Bastion BastionApprover
    $script:OperatorRole = Get-PatternIamPolicy Bastion BastionOperator
    $script:Alice = Register-CdpPrincipal -AccessKeyId AKIDBASTIONALICE -Policy $RequesterRole -UserName alice
    $script:Bob = Register-CdpPrincipal -AccessKeyId AKIDBASTIONBOB -Policy $ApproverRole -UserName bob
    $script:Olga = Register-CdpPrincipal -AccessKeyId AKIDBASTIONOLGA -Policy $OperatorRole -UserName olga
    $script:Dave = Register-CdpPrincipal -AccessKeyId AKIDBASTIONDAVE -Policy $RequesterRole, $ApproverRole -UserName dave
    $script:AsAlice = $Alice.Splat
    $script:AsBob = $Bob.Splat
    $script:AsOlga = $Olga.Splat
    $script:AsDave = $Dave.Splat
    $script:Launch = @{ ImageId = 'ami-0a1b2c3d4e5f60401'; SubnetId = $Seed.SubnetA; InstanceType = 't3.micro' }

    # The EC2/STS calls since a mark (instance metadata left out).
    function script:Get-StepCall([long] $Mark, [string] $Action) {
        @(Get-CdpCallSince -Mark $Mark | Where-Object { -not $Action -or $_.Action -like $Action })
    }

    # A raw EC2 Query call as any access key (the sandbox reads the key from the Authorization header).
    function script:Invoke-RawEc2([string] $Action, [hashtable] $Parameters = @{}, [string] $AccessKey = 'AKIDSANDBOXADMIN') {
        $pairs = @("Action=$Action", 'Version=2016-11-15') + @($Parameters.GetEnumerator() | ForEach-Object {
                [uri]::EscapeDataString($_.Key) + '=' + [uri]::EscapeDataString([string]$_.Value) })
        $date = [DateTime]::UtcNow
        $headers = @{
            Authorization = "AWS4-HMAC-SHA256 Credential=$AccessKey/$($date.ToString('yyyyMMdd'))/$($Seed.Region)/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
            'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
        }
        $response = Invoke-WebRequest -Uri $Sandbox.EndpointUrl -Method Post -Body ($pairs -join '&') -Headers $headers `
            -ContentType 'application/x-www-form-urlencoded; charset=utf-8' -SkipHttpErrorCheck -SkipHeaderValidation
        [pscustomobject]@{ StatusCode = [int]$response.StatusCode; Xml = [xml]$response.Content; Text = $response.Content }
    }

    # Tags of a resource as the unchecked admin sees them.
    function script:Get-RawTag([string] $ResourceId) {
        $answer = Invoke-RawEc2 DescribeTags @{ 'Filter.1.Name' = 'resource-id'; 'Filter.1.Value.1' = $ResourceId }
        $tags = @{}
        foreach ($item in @($answer.Xml.DescribeTagsResponse.tagSet.item)) { if ($item) { $tags[$item.key] = $item.value } }
        $tags
    }

    function script:Test-GroupExists([string] $GroupId) {
        (Invoke-RawEc2 DescribeSecurityGroups @{ 'GroupId.1' = $GroupId }).StatusCode -eq 200
    }

    function script:Get-InstanceState([string] $InstanceId) {
        (Invoke-RawEc2 DescribeInstances @{ 'InstanceId.1' = $InstanceId }).Xml.DescribeInstancesResponse.reservationSet.item.instancesSet.item.instanceState.name
    }

    # Requested by alice, approved by bob.
    function script:New-ApprovedRequest([object] $Duration = '1h', [string] $Source = '198.51.100.7') {
        Request-OnDemandBastion -SourceAddress $Source -Duration $Duration -Reason 'patch night' @AsAlice |
            Approve-OnDemandBastion @AsBob
    }
}

AfterAll { Stop-CdpSandbox }

Describe 'Request → approve → start → stop, each step by its own role' {
    BeforeAll {
        $script:Mark = Get-CdpCallMark
        $script:Request = Request-OnDemandBastion -SourceAddress 198.51.100.7 -Duration 2h -Port 22 -Reason 'patch night' @AsAlice
        $script:RequestCalls = Get-StepCall $Mark
    }

    It 'returns a typed request, closed, tagged with the requester from STS' {
        $Request | Should -BeOfType ([CloudDesignPatterns.Model.Bastion.BastionRequest])
        $Request.RequestId | Should -Match '^sg-[0-9a-f]{17}$'
        $Request.Region | Should -Be $Seed.Region
        $Request.State | Should -Be 'Requested'
        $Request.Requester | Should -Be $Alice.PrincipalArn
        $Request.SourceCidr | Should -Be '198.51.100.7/32'
        $Request.Duration | Should -Be ([TimeSpan]::FromHours(2))
        $Request.Remaining.TotalMinutes | Should -BeGreaterThan 119
        $Request.Approver | Should -BeNullOrEmpty
        $Request.VpcId | Should -Be $Seed.VpcId
    }

    It 'asked STS who the caller is, then created the group with its tags in one call, then read it back' {
        $RequestCalls.Action | Should -Be @('GetCallerIdentity', 'CreateSecurityGroup', 'DescribeSecurityGroups')
        $RequestCalls.Outcome | Sort-Object -Unique | Should -Be 'Success'
        $RequestCalls.Principal | Sort-Object -Unique | Should -Be $Alice.PrincipalArn
        $create = $RequestCalls[1]
        $create.Parameters['TagSpecification.1.ResourceType'] | Should -Be 'security-group'
        $tags = Get-RawTag $Request.RequestId
        $tags['cdp:managed-by'] | Should -Be 'CloudDesignPatterns'
        $tags['cdp:bastion:state'] | Should -Be 'requested'
        $tags['cdp:bastion:requester'] | Should -Be $Alice.PrincipalArn
        $tags['cdp:bastion:port'] | Should -Be '22'
        $tags['cdp:bastion:duration'] | Should -Be '7200'
        $tags.ContainsKey('cdp:bastion:approver') | Should -BeFalse
        $group = (Invoke-RawEc2 DescribeSecurityGroups @{ 'GroupId.1' = $Request.RequestId }).Xml.DescribeSecurityGroupsResponse.securityGroupInfo.item
        @($group.ipPermissions.item | Where-Object { $_ }) | Should -HaveCount 0 -Because 'a request lets nobody in'
    }

    It 'is approved by another principal through the pipeline' {
        $mark = Get-CdpCallMark
        $approved = $Request | Approve-OnDemandBastion @AsBob
        $approved.State | Should -Be 'Approved'
        $approved.Approver | Should -Be $Bob.PrincipalArn
        $approved.RequestId | Should -Be $Request.RequestId
        (Get-StepCall $mark).Action | Should -Be @('DescribeSecurityGroups', 'GetCallerIdentity', 'CreateTags', 'DescribeSecurityGroups')
        (Get-RawTag $Request.RequestId)['cdp:bastion:approver'] | Should -Be $Bob.PrincipalArn
    }

    It 'starts: one ingress rule for the requester, IMDSv2 required, shutdown terminates, self-shutdown user data, tags' {
        $mark = Get-CdpCallMark
        $script:Session = Start-OnDemandBastion -RequestId $Request.RequestId @Launch @AsOlga
        $calls = Get-StepCall $mark
        $Session | Should -BeOfType ([CloudDesignPatterns.Model.Bastion.BastionSession])
        $Session.InstanceId | Should -Match '^i-[0-9a-f]+$'
        $Session.GroupId | Should -Be $Request.RequestId
        $Session.PrivateIpAddress | Should -Match '^10\.0\.1\.'
        $Session.Platform | Should -Be 'Linux'
        $Session.ExpiresAt | Should -Be $Request.ExpiresAt
        $Session.Remaining.TotalMinutes | Should -BeGreaterThan 118
        $Session.Approver | Should -Be $Bob.PrincipalArn

        $calls.Action | Should -Be @('DescribeSecurityGroups', 'DescribeImages', 'AuthorizeSecurityGroupIngress', 'RunInstances',
            'CreateTags', 'DescribeInstances', 'DescribeInstanceAttribute', 'DescribeSecurityGroups')
        $calls.Outcome | Sort-Object -Unique | Should -Be 'Success'
        $ingress = $calls | Where-Object Action -eq AuthorizeSecurityGroupIngress
        $ingress.Parameters['IpPermissions.1.IpRanges.1.CidrIp'] | Should -Be '198.51.100.7/32'
        $ingress.Parameters['IpPermissions.1.FromPort'] | Should -Be '22'
        $run = $calls | Where-Object Action -eq RunInstances
        $run.Parameters['MetadataOptions.HttpTokens'] | Should -Be 'required'
        $run.Parameters['InstanceInitiatedShutdownBehavior'] | Should -Be 'terminate'
        $run.Parameters['SecurityGroupId.1'] | Should -Be $Request.RequestId
        $userData = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($run.Parameters['UserData']))
        $userData | Should -Match '^#!/bin/bash'
        $userData | Should -Match ([regex]::Escape("cdp:bastion:expires-at=$($Request.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))"))
        $userData | Should -Match 'poweroff'

        $tags = Get-RawTag $Session.InstanceId
        $tags['cdp:bastion:request-id'] | Should -Be $Request.RequestId
        $tags['cdp:bastion:requester'] | Should -Be $Alice.PrincipalArn
        $tags['cdp:bastion:approver'] | Should -Be $Bob.PrincipalArn
        $tags['cdp:managed-by'] | Should -Be 'CloudDesignPatterns'
        (Get-RawTag $Request.RequestId)['cdp:bastion:state'] | Should -Be 'active'
    }

    It 'lists the session with Get-OnDemandBastion (any role) as Active with time remaining' {
        $listed = Get-OnDemandBastion -RequestId $Request.RequestId @AsAlice
        $listed.State | Should -Be 'Active'
        $listed.InstanceId | Should -Be $Session.InstanceId
        $listed.Remaining.TotalMinutes | Should -BeGreaterThan 118
        @(Get-OnDemandBastion -State Active @AsBob).RequestId | Should -Contain $Request.RequestId
    }

    It 'stops through the pipeline: terminates, waits for terminated, then deletes the group' {
        $mark = Get-CdpCallMark
        $removed = Get-OnDemandBastion -RequestId $Request.RequestId @AsOlga | Stop-OnDemandBastion -Confirm:$false @AsOlga
        $removed | Should -BeOfType ([CloudDesignPatterns.Model.Bastion.BastionRemoval])
        $removed.InstanceId | Should -Be $Session.InstanceId
        $removed.InstanceTerminated | Should -BeTrue
        $removed.GroupDeleted | Should -BeTrue
        $calls = Get-StepCall $mark
        $calls[-1].Action | Should -Be 'DescribeSecurityGroups'
        $calls[-1].Outcome | Should -Be 'InvalidGroup.NotFound' -Because 'the read-back proves the group is gone'
        $calls[0..($calls.Count - 2)].Outcome | Sort-Object -Unique | Should -Be 'Success'
        $actions = @($calls.Action)
        $actions.IndexOf('TerminateInstances') | Should -BeLessThan $actions.IndexOf('DeleteSecurityGroup')
        @($calls | Where-Object Action -eq TerminateInstances).Parameters['InstanceId.1'] | Should -Be $Session.InstanceId
        Get-InstanceState $Session.InstanceId | Should -Be 'terminated'
        Test-GroupExists $Request.RequestId | Should -BeFalse
    }
}

Describe 'Rules that keep people out' {
    It 'refuses to approve one''s own request (same principal from STS), writing nothing' {
        $request = Request-OnDemandBastion -SourceAddress 198.51.100.8 -Duration 1h -Reason 'self' @AsDave
        $mark = Get-CdpCallMark
        $err = Get-CdpError { $request | Approve-OnDemandBastion -ErrorAction Stop @AsDave }
        $err.FullyQualifiedErrorId | Should -BeLike 'SelfApprovalRefused*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        (Get-StepCall $mark CreateTags) | Should -HaveCount 0
        (Get-RawTag $request.RequestId)['cdp:bastion:state'] | Should -Be 'requested'
    }

    It 'refuses an approval by a principal without the approver role (IAM denies the approval tags)' {
        $request = Request-OnDemandBastion -SourceAddress 198.51.100.9 -Duration 1h -Reason 'needs bob' @AsDave
        $mark = Get-CdpCallMark
        $err = Get-CdpError { $request | Approve-OnDemandBastion -ErrorAction Stop @AsAlice }
        $err.FullyQualifiedErrorId | Should -BeLike 'AwsCallFailed.UnauthorizedOperation*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        (Get-StepCall $mark CreateTags).Outcome | Should -Be 'UnauthorizedOperation'
        (Get-RawTag $request.RequestId).ContainsKey('cdp:bastion:approver') | Should -BeFalse
    }

    It 'lets neither the requester nor the operator write approval tags directly (only approvers may)' {
        $request = Request-OnDemandBastion -SourceAddress 198.51.100.10 -Duration 1h -Reason 'forge' @AsAlice
        foreach ($key in $Alice.AccessKeyId, $Olga.AccessKeyId) {
            $answer = Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $request.RequestId; 'Tag.1.Key' = 'cdp:bastion:state'; 'Tag.1.Value' = 'approved'
                'Tag.2.Key' = 'cdp:bastion:approver'; 'Tag.2.Value' = 'arn:aws:iam::123456789012:user/mallory' } -AccessKey $key
            $answer.StatusCode | Should -Be 403
            $answer.Text | Should -Match 'UnauthorizedOperation'
        }
        (Get-RawTag $request.RequestId)['cdp:bastion:state'] | Should -Be 'requested'
    }

    It 'refuses to start an unapproved request, before anything is opened or launched' {
        $request = Request-OnDemandBastion -SourceAddress 198.51.100.11 -Duration 1h -Reason 'unapproved' @AsAlice
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Start-OnDemandBastion -RequestId $request.RequestId @Launch -ErrorAction Stop @AsOlga }
        $err.FullyQualifiedErrorId | Should -BeLike 'BastionNotApproved*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        (Get-StepCall $mark).Action | Should -Be @('DescribeSecurityGroups')
    }

    It 'refuses an unapproved start at IAM too (the operator cannot open or launch into a pending request)' {
        $request = Request-OnDemandBastion -SourceAddress 198.51.100.12 -Duration 1h -Reason 'iam' @AsAlice
        $answer = Invoke-RawEc2 AuthorizeSecurityGroupIngress @{ GroupId = $request.RequestId; 'IpPermissions.1.IpProtocol' = 'tcp'
            'IpPermissions.1.FromPort' = '22'; 'IpPermissions.1.ToPort' = '22'; 'IpPermissions.1.IpRanges.1.CidrIp' = '198.51.100.12/32' } -AccessKey $Olga.AccessKeyId
        $answer.StatusCode | Should -Be 403
    }

    It 'closes the rule again when the launch fails, and says so (the request stays approved for a retry)' {
        $request = New-ApprovedRequest -Source 198.51.100.13
        $mark = Get-CdpCallMark
        Set-PatternSandbox -FailNext 1 -FailStatusCode 500 -FaultAction RunInstances
        try { $err = Get-CdpError { Start-OnDemandBastion -RequestId $request.RequestId @Launch -ErrorAction Stop @AsOlga } }
        finally { Set-PatternSandbox -ClearFaults }
        $err.Exception.Message | Should -Match 'was not launched'
        $err.Exception.Message | Should -Match 'ingress rule for 198\.51\.100\.13/32 was revoked again'
        $actions = (Get-StepCall $mark).Action
        $actions[0..2] | Should -Be @('DescribeSecurityGroups', 'DescribeImages', 'AuthorizeSecurityGroupIngress')
        $actions[-1] | Should -Be 'RevokeSecurityGroupIngress'
        @($actions | Where-Object { $_ -eq 'RunInstances' }).Count | Should -BeGreaterThan 0
        @(Get-StepCall $mark RevokeSecurityGroupIngress)[0].Outcome | Should -Be 'Success' -Because 'the operator role may close an approved request'
        $group = (Invoke-RawEc2 DescribeSecurityGroups @{ 'GroupId.1' = $request.RequestId }).Xml.DescribeSecurityGroupsResponse.securityGroupInfo.item
        @($group.ipPermissions.item | Where-Object { $_ }) | Should -HaveCount 0 -Because 'no bastion, so no way in'
        (Get-RawTag $request.RequestId)['cdp:bastion:state'] | Should -Be 'approved'
    }

    It 'refuses to start an expired request' {
        $request = New-ApprovedRequest -Duration 2s
        $request.State | Should -Be 'Approved'
        Start-Sleep -Seconds 3
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Start-OnDemandBastion -RequestId $request.RequestId @Launch -ErrorAction Stop @AsOlga }
        $err.FullyQualifiedErrorId | Should -BeLike 'BastionRequestExpired*'
        (Get-StepCall $mark).Action | Should -Be @('DescribeSecurityGroups')
        (Get-OnDemandBastion -RequestId $request.RequestId @AsOlga).State | Should -Be 'Expired'
    }

    It 'refuses a duration over the cap (default 8 h) before any call, and -Force does not lift it' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Request-OnDemandBastion -SourceAddress 198.51.100.13 -Duration 9h -Reason 'long' -Force @AsAlice }
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOverLimit*'
        $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        Get-StepCall $mark | Should -HaveCount 0
        $longer = Request-OnDemandBastion -SourceAddress 198.51.100.13 -Duration 9h -MaxDuration 12h -Reason 'long, allowed' @AsAlice
        $longer.Duration | Should -Be ([TimeSpan]::FromHours(9))
        $err = Get-CdpError { $longer | Approve-OnDemandBastion -ErrorAction Stop @AsBob }
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOverLimit*' -Because 'the approver''s cap is the default unless the approver raises it'
    }

    It 'refuses an open-world source unless -AllowAnySource (-Force does not lift it)' {
        $mark = Get-CdpCallMark
        foreach ($source in '0.0.0.0/0', '::/0', '198.51.100.0/24') {
            $err = Get-CdpError { Request-OnDemandBastion -SourceAddress $source -Duration 1h -Reason 'world' -Force @AsAlice }
            $err.FullyQualifiedErrorId | Should -BeLike 'SourceNotSingleAddress*'
        }
        Get-StepCall $mark | Should -HaveCount 0
        $open = Request-OnDemandBastion -SourceAddress 0.0.0.0/0 -Duration 1h -Reason 'world, on purpose' -AllowAnySource @AsAlice
        $open.SourceCidr | Should -Be '0.0.0.0/0'
        $err = Get-CdpError { $open | Approve-OnDemandBastion -ErrorAction Stop @AsBob }
        $err.FullyQualifiedErrorId | Should -BeLike 'SourceNotSingleAddress*' -Because 'the approver must consent to an open source too'
    }

    It 'sweeps only expired bastions: not an active one, not look-alikes without the managed-by tag, not the seeded fleet' {
        # An expired bastion (started), an expired request never started, an active bastion.
        $expired = New-ApprovedRequest -Duration 3s
        $expiredSession = Start-OnDemandBastion -RequestId $expired.RequestId @Launch @AsOlga
        $neverStarted = New-ApprovedRequest -Duration 2s
        $active = New-ApprovedRequest -Duration 1h
        $activeSession = Start-OnDemandBastion -RequestId $active.RequestId @Launch @AsOlga
        # Look-alikes: a group and an instance with expired cdp:bastion:* tags but not this module's managed-by tag.
        $decoyGroup = (Invoke-RawEc2 CreateSecurityGroup @{ GroupName = 'decoy-bastion'; GroupDescription = 'not ours'; VpcId = $Seed.VpcId
                'TagSpecification.1.ResourceType' = 'security-group'; 'TagSpecification.1.Tag.1.Key' = 'cdp:bastion:state'; 'TagSpecification.1.Tag.1.Value' = 'active'
                'TagSpecification.1.Tag.2.Key' = 'cdp:bastion:expires-at'; 'TagSpecification.1.Tag.2.Value' = '2020-01-01T00:00:00Z' }).Xml.CreateSecurityGroupResponse.groupId
        $decoyInstance = (Invoke-RawEc2 RunInstances @{ ImageId = 'ami-0a1b2c3d4e5f60401'; MinCount = '1'; MaxCount = '1'; SubnetId = $Seed.SubnetA
                'TagSpecification.1.ResourceType' = 'instance'; 'TagSpecification.1.Tag.1.Key' = 'cdp:bastion:request-id'; 'TagSpecification.1.Tag.1.Value' = $decoyGroup
                'TagSpecification.1.Tag.2.Key' = 'cdp:bastion:expires-at'; 'TagSpecification.1.Tag.2.Value' = '2020-01-01T00:00:00Z' }).Xml.RunInstancesResponse.instancesSet.item.instanceId
        $seededBefore = @($Seed.Instances | ForEach-Object { Get-InstanceState $_ })
        Start-Sleep -Seconds 4

        $mark = Get-CdpCallMark
        $removed = @(Stop-OnDemandBastion -Expired -Force @AsOlga)
        $calls = Get-StepCall $mark
        $removed.RequestId | Should -Contain $expired.RequestId
        $removed.RequestId | Should -Contain $neverStarted.RequestId
        $removed.RequestId | Should -Not -Contain $active.RequestId
        $removed.RequestId | Should -Not -Contain $decoyGroup
        ($removed | Where-Object RequestId -eq $expired.RequestId).InstanceId | Should -Be $expiredSession.InstanceId
        @($calls | Where-Object Outcome -ne 'Success').Action | Sort-Object -Unique | Should -Be 'DescribeSecurityGroups' -Because 'only the read-backs of deleted groups fail'
        $terminated = @($calls | Where-Object Action -eq TerminateInstances | ForEach-Object { $_.Parameters['InstanceId.1'] })
        $terminated | Should -Be @($expiredSession.InstanceId)
        $deleted = @($calls | Where-Object Action -eq DeleteSecurityGroup | ForEach-Object { $_.Parameters['GroupId'] })
        $deleted | Should -Not -Contain $active.RequestId
        $deleted | Should -Not -Contain $decoyGroup

        Get-InstanceState $expiredSession.InstanceId | Should -Be 'terminated'
        Test-GroupExists $expired.RequestId | Should -BeFalse
        Test-GroupExists $neverStarted.RequestId | Should -BeFalse
        Get-InstanceState $activeSession.InstanceId | Should -Be 'running'
        Test-GroupExists $active.RequestId | Should -BeTrue
        Get-InstanceState $decoyInstance | Should -Be 'running'
        Test-GroupExists $decoyGroup | Should -BeTrue
        @($Seed.Instances | ForEach-Object { Get-InstanceState $_ }) | Should -Be $seededBefore
    }

    It 'cannot terminate an instance that is not a bastion even if asked directly (operator role, IAM)' {
        $answer = Invoke-RawEc2 TerminateInstances @{ 'InstanceId.1' = $Seed.Web2 } -AccessKey $Olga.AccessKeyId
        $answer.StatusCode | Should -Be 403
        Get-InstanceState $Seed.Web2 | Should -Be 'running'
    }

    It 'refuses to stop a group that is not a bastion request' {
        $err = Get-CdpError { Stop-OnDemandBastion -RequestId 'sg-0a1b2c3d4e5f60042' -Force -ErrorAction Stop @AsOlga }
        $err.FullyQualifiedErrorId | Should -BeLike 'NotABastionRequest*'
        Test-GroupExists 'sg-0a1b2c3d4e5f60042' | Should -BeTrue
    }
}

Describe 'Bad input is refused before any call' {
    It 'refuses <Case>' -TestCases @(
        @{ Case = 'a CIDR that does not parse'; Id = 'InvalidSourceAddress'; Script = { Request-OnDemandBastion -SourceAddress '300.1.2.3' -Duration 1h -Reason r @AsAlice } }
        @{ Case = 'an address that is not one'; Id = 'InvalidSourceAddress'; Script = { Request-OnDemandBastion -SourceAddress 'bastion.example' -Duration 1h -Reason r @AsAlice } }
        @{ Case = 'a prefix out of range'; Id = 'InvalidSourceAddress'; Script = { Request-OnDemandBastion -SourceAddress '198.51.100.7/33' -Duration 1h -Reason r @AsAlice } }
        @{ Case = 'port 0'; Id = 'InvalidPort'; Script = { Request-OnDemandBastion -SourceAddress 198.51.100.7 -Port 0 -Duration 1h -Reason r @AsAlice } }
        @{ Case = 'port 70000'; Id = 'InvalidPort'; Script = { Request-OnDemandBastion -SourceAddress 198.51.100.7 -Port 70000 -Duration 1h -Reason r @AsAlice } }
        @{ Case = 'a zero duration'; Id = 'InvalidDuration'; Script = { Request-OnDemandBastion -SourceAddress 198.51.100.7 -Duration 0s -Reason r @AsAlice } }
        @{ Case = 'an empty reason'; Id = 'InvalidReason'; Script = { Request-OnDemandBastion -SourceAddress 198.51.100.7 -Duration 1h -Reason ' ' @AsAlice } }
        @{ Case = 'a VPC id of the wrong shape'; Id = 'InvalidVpcId'; Script = { Request-OnDemandBastion -SourceAddress 198.51.100.7 -Duration 1h -Reason r -VpcId vpc-xyz @AsAlice } }
        @{ Case = 'a request id of the wrong shape (approve)'; Id = 'InvalidRequestId'; Script = { Approve-OnDemandBastion -RequestId 'sg-123' -ErrorAction Stop @AsBob } }
        @{ Case = 'an instance id given as request id (start)'; Id = 'InvalidRequestId'; Script = { Start-OnDemandBastion -RequestId 'i-0a1b2c3d4e5f60101' -ErrorAction Stop @AsOlga } }
        @{ Case = 'a request id of the wrong shape (stop)'; Id = 'InvalidRequestId'; Script = { Stop-OnDemandBastion -RequestId 'sg-ZZZZZZZZ' -Force -ErrorAction Stop @AsOlga } }
        @{ Case = 'a request id of the wrong shape (get)'; Id = 'InvalidRequestId'; Script = { Get-OnDemandBastion -RequestId 'group-1' -ErrorAction Stop @AsOlga } }
        @{ Case = 'an AMI id of the wrong shape'; Id = 'InvalidBastionLaunchSetting'; Script = { Start-OnDemandBastion -RequestId 'sg-0a1b2c3d4e5f60042' -ImageId 'ami-x' -ErrorAction Stop @AsOlga } }
    ) {
        $mark = Get-CdpCallMark
        $err = Get-CdpError $Script
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$Id*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-StepCall $mark | Should -HaveCount 0
    }

    It 'reads the unquoted literals 30s and 1d as seconds and days, not as ticks' {
        $mark = Get-CdpCallMark
        Request-OnDemandBastion -SourceAddress 198.51.100.7 -Duration 30s -Reason r -WhatIf @AsAlice
        Get-StepCall $mark | Should -HaveCount 0
        $err = Get-CdpError { Request-OnDemandBastion -SourceAddress 198.51.100.7 -Duration 1d -Reason r @AsAlice }
        $err.FullyQualifiedErrorId | Should -BeLike 'DurationOverLimit*' -Because '1d is a day, over the 8 h cap'
        $err.Exception.Message | Should -Match '1\.00:00:00'
    }

    It 'refuses a duration that is not one at binding ("soon")' {
        $err = Get-CdpError { Request-OnDemandBastion -SourceAddress 198.51.100.7 -Duration soon -Reason r @AsAlice }
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
    }
}

Describe 'Start-OnDemandBastion settings: Cloud DI and a Windows AMI' {
    It 'takes the AMI and subnet from the cdp:bastion:* tags of the instance it runs on' {
        $null = Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $Seed.Web1; 'Tag.1.Key' = 'cdp:bastion:image-id'; 'Tag.1.Value' = 'ami-0a1b2c3d4e5f60401'
            'Tag.2.Key' = 'cdp:bastion:subnet-id'; 'Tag.2.Value' = $Seed.SubnetC; 'Tag.3.Key' = 'cdp:bastion:instance-type'; 'Tag.3.Value' = 't3.nano' }
        $request = New-ApprovedRequest
        $session = Start-OnDemandBastion -RequestId $request.RequestId @AsOlga
        $session.ImageId | Should -Be 'ami-0a1b2c3d4e5f60401'
        $session.SubnetId | Should -Be $Seed.SubnetC
        $session.InstanceType | Should -Be 't3.nano'
        $session | Stop-OnDemandBastion -Force @AsOlga | Out-Null
    }

    It 'Request-OnDemandBastion creates the group in the VPC of the cdp:bastion:vpc-id setting of the instance it runs on; -VpcId wins' {
        $vpc = (Invoke-RawEc2 CreateVpc @{ CidrBlock = '10.42.0.0/16' }).Xml.CreateVpcResponse.vpc.vpcId
        $vpc | Should -Match '^vpc-'
        $null = Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $Seed.Web1; 'Tag.1.Key' = 'cdp:bastion:vpc-id'; 'Tag.1.Value' = $vpc }
        try {
            $request = Request-OnDemandBastion -SourceAddress 198.51.100.7 -Duration 1h -Reason 'tagged vpc' @AsAlice
            $request.VpcId | Should -Be $vpc
            (Invoke-RawEc2 DescribeSecurityGroups @{ 'GroupId.1' = $request.RequestId }).Xml.DescribeSecurityGroupsResponse.securityGroupInfo.item.vpcId |
                Should -Be $vpc -Because 'the group was created there, as read back from the sandbox'
            $explicit = Request-OnDemandBastion -SourceAddress 198.51.100.7 -Duration 1h -Reason 'explicit vpc' -VpcId $Seed.VpcId @AsAlice
            $explicit.VpcId | Should -Be $Seed.VpcId
        }
        finally { $null = Invoke-RawEc2 DeleteTags @{ 'ResourceId.1' = $Seed.Web1; 'Tag.1.Key' = 'cdp:bastion:vpc-id' } }
    }

    It 'refuses a cdp:bastion:vpc-id setting that is not a VPC id (InvalidConfigurationValue) before creating anything' {
        $null = Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $Seed.Web1; 'Tag.1.Key' = 'cdp:bastion:vpc-id'; 'Tag.1.Value' = 'my-vpc' }
        try {
            $mark = Get-CdpCallMark
            $err = Get-CdpError { Request-OnDemandBastion -SourceAddress 198.51.100.7 -Duration 1h -Reason 'bad tag' -ErrorAction Stop @AsAlice }
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidConfigurationValue,*'
            "$($err.CategoryInfo.Category)" | Should -Be 'InvalidData'
            "$err" | Should -BeLike '*vpc-id*'
            Get-StepCall $mark 'CreateSecurityGroup' | Should -BeNullOrEmpty
        }
        finally { $null = Invoke-RawEc2 DeleteTags @{ 'ResourceId.1' = $Seed.Web1; 'Tag.1.Key' = 'cdp:bastion:vpc-id' } }
    }

    It 'gives a Windows AMI PowerShell user data that shuts down at expiry' {
        $request = New-ApprovedRequest
        $mark = Get-CdpCallMark
        $session = Start-OnDemandBastion -RequestId $request.RequestId -ImageId 'ami-0a1b2c3d4e5f60402' -SubnetId $Seed.SubnetA @AsOlga
        $session.Platform | Should -Be 'Windows'
        $run = Get-StepCall $mark RunInstances
        $userData = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($run.Parameters['UserData']))
        $userData | Should -Match '^<powershell>'
        $userData | Should -Match 'shutdown\.exe /s'
        $session | Stop-OnDemandBastion -Force @AsOlga | Out-Null
    }

    It 'the Linux user data, run by bash, schedules the power-off for the seconds left (systemd-run and shutdown stubbed)' {
        $request = New-ApprovedRequest -Duration 10m
        $mark = Get-CdpCallMark
        $session = Start-OnDemandBastion -RequestId $request.RequestId @Launch @AsOlga
        $run = Get-StepCall $mark RunInstances
        $dir = Join-Path ([IO.Path]::GetTempPath()) "cdp-userdata-$([guid]::NewGuid().ToString('N'))"
        $stubs = New-Item -ItemType Directory -Path (Join-Path $dir 'bin')
        try {
            $script = Join-Path $dir 'user-data.sh'
            [IO.File]::WriteAllBytes($script, [Convert]::FromBase64String($run.Parameters['UserData']))
            $log = Join-Path $dir 'calls.log'
            foreach ($tool in 'systemd-run', 'shutdown', 'poweroff') {
                $stub = Join-Path $stubs $tool
                Set-Content -Path $stub -Value "#!/bin/sh`necho `"$tool `$*`" >> '$log'" -NoNewline
                chmod +x $stub
            }
            $env:PATH = "$stubs$([IO.Path]::PathSeparator)$env:PATH"
            try { bash $script } finally { $env:PATH = $env:PATH.Substring($stubs.FullName.Length + 1) }
            $calls = @(Get-Content $log)
            $calls | Should -HaveCount 1
            $calls[0] | Should -Match '^systemd-run .*--on-active=(\d+)s .*systemctl poweroff$'
            [int]($calls[0] -replace '.*--on-active=(\d+)s.*', '$1') | Should -BeIn (540..600) -Because 'about ten minutes remain'
        }
        finally { Remove-Item -Recurse -Force $dir; $session | Stop-OnDemandBastion -Force @AsOlga | Out-Null }
    }

    It '-WhatIf on start and stop changes nothing' {
        $request = New-ApprovedRequest
        $mark = Get-CdpCallMark
        Start-OnDemandBastion -RequestId $request.RequestId @Launch -WhatIf @AsOlga | Should -BeNullOrEmpty
        Stop-OnDemandBastion -RequestId $request.RequestId -WhatIf @AsOlga | Should -BeNullOrEmpty
        (Get-StepCall $mark).Action | Where-Object { $_ -notlike 'Describe*' } | Should -BeNullOrEmpty
        (Get-OnDemandBastion -RequestId $request.RequestId @AsOlga).State | Should -Be 'Approved'
    }
}

Describe 'Sandbox: a group still held by a shutting-down instance' {
    It 'answers DependencyViolation until the instance is terminated, then deletes' {
        $group = (Invoke-RawEc2 CreateSecurityGroup @{ GroupName = 'held'; GroupDescription = 'held'; VpcId = $Seed.VpcId }).Xml.CreateSecurityGroupResponse.groupId
        $instance = (Invoke-RawEc2 RunInstances @{ ImageId = 'ami-0a1b2c3d4e5f60401'; MinCount = '1'; MaxCount = '1'; SubnetId = $Seed.SubnetA
                'SecurityGroupId.1' = $group }).Xml.RunInstancesResponse.instancesSet.item.instanceId
        $null = Invoke-RawEc2 TerminateInstances @{ 'InstanceId.1' = $instance }
        $held = Invoke-RawEc2 DeleteSecurityGroup @{ GroupId = $group }
        $held.StatusCode | Should -Be 400
        $held.Text | Should -Match 'DependencyViolation'
        (Invoke-RawEc2 DeleteSecurityGroup @{ GroupName = 'held' }).Text | Should -Match 'InvalidGroup.InUse'
        Start-Sleep -Seconds 2
        (Invoke-RawEc2 DeleteSecurityGroup @{ GroupId = $group }).StatusCode | Should -Be 200
    }
}
