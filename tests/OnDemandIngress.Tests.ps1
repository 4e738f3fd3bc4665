#Requires -Version 7.0
# Grant/Revoke/Get-OnDemandIngress against the sandbox, run as a principal holding EXACTLY the published Firewall
# OnDemandIngress role. Each rule that keeps people out has its own test, and bad input is refused before any call.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -ErrorAction Stop
    $script:Principal = Register-CdpPrincipal -AccessKeyId AKIDONDEMANDINGRESS -Policy (Get-PatternIamPolicy Firewall OnDemandIngress)
    $script:As = $Principal.Splat
    $script:Ops = 'sg-0a1b2c3d4e5f60043'
    $script:Web = 'sg-0a1b2c3d4e5f60042'

    # A raw EC2 Query call as the unchecked admin (the sandbox does not verify signatures).
    function script:Invoke-RawEc2([string] $Action, [hashtable] $Parameters = @{}) {
        $pairs = @("Action=$Action", 'Version=2016-11-15') + @($Parameters.GetEnumerator() | ForEach-Object {
                [uri]::EscapeDataString($_.Key) + '=' + [uri]::EscapeDataString([string]$_.Value) })
        $date = [DateTime]::UtcNow
        $headers = @{
            Authorization = "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXADMIN/$($date.ToString('yyyyMMdd'))/$($Seed.Region)/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
            'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
        }
        $r = Invoke-WebRequest -Uri $Sandbox.EndpointUrl -Method Post -Body ($pairs -join '&') -Headers $headers `
            -ContentType 'application/x-www-form-urlencoded; charset=utf-8' -SkipHttpErrorCheck -SkipHeaderValidation
        [xml]$r.Content
    }
    function script:Get-IngressRule([string] $GroupId) {
        @((Invoke-RawEc2 DescribeSecurityGroupRules @{ 'Filter.1.Name' = 'group-id'; 'Filter.1.Value.1' = $GroupId }).DescribeSecurityGroupRulesResponse.securityGroupRuleSet.item |
            Where-Object { $_ -and $_.isEgress -eq 'false' })
    }
    # Only groups opted in may be changed by the OnDemandIngress role.
    Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $Ops; 'Tag.1.Key' = 'cdp:ondemand:enabled'; 'Tag.1.Value' = 'true' } | Out-Null
}

AfterAll { Stop-CdpSandbox }

Describe 'Grant-OnDemandIngress and the shared rule' {
    BeforeAll {
        $script:Mark = Get-CdpCallMark
        $script:First = Grant-OnDemandIngress -SecurityGroupId $Ops -Port 22 -Cidr 203.0.113.7/32 -Duration 2h -Grantee alice -Confirm:$false @As
        $script:FirstCalls = @(Get-CdpCallSince -Mark $Mark)
    }

    It 'adds one rule tagged with the grant, and returns a typed grant' {
        $First | Should -BeOfType ([CloudDesignPatterns.Model.Firewall.OnDemandGrant])
        $First.Status | Should -Be 'Granted'
        $First.Grantee | Should -Be 'alice'
        $First.Cidr | Should -Be '203.0.113.7/32'
        $First.Region | Should -Be $Seed.Region
        $First.SecurityGroupRuleId | Should -Match '^sgr-'
        $First.Remaining.TotalMinutes | Should -BeGreaterThan 118
        ($FirstCalls | Where-Object Action -eq AuthorizeSecurityGroupIngress) | Should -HaveCount 1
        $rule = Get-IngressRule $Ops | Where-Object securityGroupRuleId -eq $First.SecurityGroupRuleId
        $rule.description | Should -BeLike 'cdp on-demand alice until *'
        ($rule.tagSet.item | Where-Object key -eq "cdp:ondemand:grant:$($First.GrantId)").value | Should -BeLike '*,alice'
    }

    It 'records a second grant for the same source on the same rule (no second rule)' {
        $mark = Get-CdpCallMark
        $script:Second = Grant-OnDemandIngress $Ops -Port 22 -Cidr 203.0.113.7/32 -Duration 30m -Grantee bob -Confirm:$false @As
        $Second.Status | Should -Be 'Shared'
        $Second.SecurityGroupRuleId | Should -Be $First.SecurityGroupRuleId
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -eq AuthorizeSecurityGroupIngress) | Should -HaveCount 0
        @(Get-OnDemandIngress $Ops @As) | Should -HaveCount 2
    }

    It 'keeps the rule while another grant lives, and revokes it with the last one' {
        $one = Get-OnDemandIngress $Ops @As | Where-Object Grantee -eq bob | Revoke-OnDemandIngress -Confirm:$false @As
        $one.Status | Should -Be 'Revoked'
        Get-IngressRule $Ops | Where-Object securityGroupRuleId -eq $First.SecurityGroupRuleId | Should -Not -BeNullOrEmpty
        $mark = Get-CdpCallMark
        $last = Get-OnDemandIngress $Ops @As | Revoke-OnDemandIngress -Force @As
        $last.Status | Should -Be 'RuleRevoked'
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -eq RevokeSecurityGroupIngress) | Should -HaveCount 1
        Get-IngressRule $Ops | Where-Object securityGroupRuleId -eq $First.SecurityGroupRuleId | Should -BeNullOrEmpty
    }

    It 'is denied on a group that is not opted in (IAM tag condition)' {
        $err = Get-CdpError { Grant-OnDemandIngress $Web -Port 22 -Cidr 203.0.113.9/32 -Duration 1h -Confirm:$false -ErrorAction Stop @As }
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
    }
}

Describe 'The sweep revokes expired grants and never touches other rules' {
    It 'revokes an expired grant and leaves the seed''s own rules alone' {
        $before = @(Get-IngressRule $Ops)
        # An expired grant, written as the module writes one (the sandbox clock is real time).
        $expired = [DateTime]::UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
        $answer = Invoke-RawEc2 AuthorizeSecurityGroupIngress @{
            GroupId = $Ops; 'IpPermissions.1.IpProtocol' = 'tcp'; 'IpPermissions.1.FromPort' = '3389'; 'IpPermissions.1.ToPort' = '3389'
            'IpPermissions.1.IpRanges.1.CidrIp' = '198.51.100.4/32'
            'TagSpecification.1.ResourceType' = 'security-group-rule'
            'TagSpecification.1.Tag.1.Key' = 'cdp:managed-by'; 'TagSpecification.1.Tag.1.Value' = 'CloudDesignPatterns'
            'TagSpecification.1.Tag.2.Key' = 'cdp:ondemand:grant:odg-0123456789ab'; 'TagSpecification.1.Tag.2.Value' = "$expired,carol"
        }
        $ruleId = $answer.AuthorizeSecurityGroupIngressResponse.securityGroupRuleSet.item.securityGroupRuleId
        (Get-OnDemandIngress -Expired @As).GrantId | Should -Be 'odg-0123456789ab'
        $mark = Get-CdpCallMark
        $swept = @(Revoke-OnDemandIngress -Expired -Force @As)
        $swept.GrantId | Should -Be 'odg-0123456789ab'
        $swept.Status | Should -Be 'RuleRevoked'
        $revokes = @(Get-CdpCallSince -Mark $mark | Where-Object Action -eq RevokeSecurityGroupIngress)
        $revokes | Should -HaveCount 1
        $revokes[0].Parameters['SecurityGroupRuleId.1'] | Should -Be $ruleId
        (Get-IngressRule $Ops).securityGroupRuleId | Sort-Object | Should -Be (($before).securityGroupRuleId | Sort-Object)
    }
}

Describe 'Rules that keep people out, refused before any call' {
    It 'refuses <Name>' -ForEach @(
        @{ Name = 'an open-world IPv4 source without -AllowAnySource (even with -Force)'; Cidr = '0.0.0.0/0'; Port = 22; Duration = '1h'; Id = 'AnySourceRefused' }
        @{ Name = 'an open-world IPv6 source'; Cidr = '::/0'; Port = 22; Duration = '1h'; Id = 'AnySourceRefused' }
        @{ Name = 'a duration over the cap (even with -Force)'; Cidr = '203.0.113.7/32'; Port = 22; Duration = '9h'; Id = 'DurationOverCap' }
        @{ Name = 'a zero duration'; Cidr = '203.0.113.7/32'; Port = 22; Duration = [TimeSpan]::Zero; Id = 'DurationNotPositive' }
        @{ Name = 'a CIDR that does not parse'; Cidr = '203.0.113.300/32'; Port = 22; Duration = '1h'; Id = 'InvalidCidr' }
        @{ Name = 'a port out of range'; Cidr = '203.0.113.7/32'; Port = 70000; Duration = '1h'; Id = 'PortOutOfRange' }
    ) {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Grant-OnDemandIngress $Ops -Port $Port -Cidr $Cidr -Duration $Duration -Force @As }
        $err.FullyQualifiedErrorId | Should -BeLike "$Id*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-CdpCallSince -Mark $mark) | Should -HaveCount 0
    }

    It 'refuses a wrong-shaped security group id before any call' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Grant-OnDemandIngress 'sg-12' -Port 22 -Cidr 203.0.113.7/32 -Duration 1h -Force @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidSecurityGroupId*'
        @(Get-CdpCallSince -Mark $mark) | Should -HaveCount 0
    }

    It 'binds "30m" through the duration transformation and -WhatIf makes no call' {
        $mark = Get-CdpCallMark
        Grant-OnDemandIngress $Ops -Port 22 -Cidr 203.0.113.7/32 -Duration 30m -WhatIf @As | Should -BeNullOrEmpty
        @(Get-CdpCallSince -Mark $mark) | Should -HaveCount 0
    }
}

Describe 'The grantee is who STS says the caller is' {
    It 'records the caller''s user name from GetCallerIdentity when -Grantee is not given (not a local user name)' {
        $mark = Get-CdpCallMark
        $grant = Grant-OnDemandIngress $Ops -Port 443 -Cidr 203.0.113.21/32 -Duration 1h -Confirm:$false @As
        try {
            $grant.Grantee | Should -Be 'akidondemandingress' -Because 'the principal is arn:aws:iam::…:user/akidondemandingress'
            $grant.Grantee | Should -Not -Be ([Environment]::UserName)
            $actions = @(Get-CdpCallSince -Mark $mark).Action
            $actions[0] | Should -Be 'GetCallerIdentity'
            $actions | Should -Contain 'AuthorizeSecurityGroupIngress'
            $rule = Get-IngressRule $Ops | Where-Object { $_.cidrIpv4 -eq '203.0.113.21/32' }
            $rule.description | Should -BeLike 'cdp on-demand akidondemandingress until *'
        }
        finally { $grant | Revoke-OnDemandIngress -Confirm:$false @As | Out-Null }
    }
}
