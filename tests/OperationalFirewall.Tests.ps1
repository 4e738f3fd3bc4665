#Requires -Version 7.0
# Set/Test/Get-OperationalFirewall against the sandbox, run as a principal holding EXACTLY the published
# Firewall FirewallAdministrator role, so least privilege is proven. Bad input is refused before any AWS call.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -ErrorAction Stop
    $script:Principal = Register-CdpPrincipal -AccessKeyId AKIDFIREWALLADMIN -Policy (Get-PatternIamPolicy Firewall FirewallAdministrator)
    $script:As = $Principal.Splat
    $script:Declaration = @{
        Teams = @{
            web = @{
                Description = 'Web tier'
                Rules       = @(
                    @{ Protocol = 'tcp'; Port = 443; Source = '10.0.0.0/16'; Description = 'HTTPS from the VPC' }
                    @{ Protocol = 'tcp'; FromPort = 8080; ToPort = 8081; Source = @('10.0.1.0/24', '2001:db8::/64'); Description = 'App ports' }
                )
                AttachTo    = @{ Role = 'web' }
            }
        }
    }
}

AfterAll { Stop-CdpSandbox }

Describe 'Set-OperationalFirewall converges a team firewall' {
    BeforeAll {
        $script:Mark = Get-CdpCallMark
        $script:Changes = @(Set-OperationalFirewall -Definition $Declaration -Confirm:$false @As)
        $script:Calls = @(Get-CdpCallSince -Mark $Mark)
    }

    It 'returns one Done record per change: the group, three rules, two attachments' {
        $Changes | ForEach-Object { $_ | Should -BeOfType ([CloudDesignPatterns.Model.Firewall.FirewallChange]) }
        ($Changes | Where-Object Action -eq CreateGroup) | Should -HaveCount 1
        ($Changes | Where-Object Action -eq AuthorizeRule) | Should -HaveCount 3
        ($Changes | Where-Object Action -eq AttachGroup).InstanceId | Sort-Object | Should -Be @($Seed.Web1, $Seed.Web2)
        $Changes.Status | Sort-Object -Unique | Should -Be 'Done'
        $Changes.Region | Sort-Object -Unique | Should -Be $Seed.Region
        ($Changes | Where-Object Action -eq AuthorizeRule).SecurityGroupRuleId | ForEach-Object { $_ | Should -Match '^sgr-[0-9a-f]{17}$' }
    }

    It 'made one create, one authorize and one interface update per instance, in that order' {
        $changing = @($Calls | Where-Object Action -in CreateSecurityGroup, AuthorizeSecurityGroupIngress, ModifyNetworkInterfaceAttribute)
        $changing.Action | Should -Be @('CreateSecurityGroup', 'AuthorizeSecurityGroupIngress', 'ModifyNetworkInterfaceAttribute', 'ModifyNetworkInterfaceAttribute')
        $Calls | ForEach-Object { $_.AccessKeyId | Should -Be $Principal.AccessKeyId }
    }

    It 'keeps the instances'' other groups and shows the team in Get-OperationalFirewall' {
        $team = Get-OperationalFirewall web @As
        $team | Should -BeOfType ([CloudDesignPatterns.Model.Firewall.FirewallTeam])
        $team.GroupName | Should -Be 'cdp-fw-web'
        $team.Rules | Should -HaveCount 3
        ($team.Rules | Where-Object Source -eq '10.0.0.0/16').Description | Should -Be 'HTTPS from the VPC'
        $team.Attachments.InstanceId | Sort-Object | Should -Be @($Seed.Web1, $Seed.Web2)
    }

    It 'changes nothing on a second run, and Test-OperationalFirewall is true' {
        $mark = Get-CdpCallMark
        @(Set-OperationalFirewall -Definition $Declaration -Confirm:$false @As) | Should -HaveCount 0
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -notlike 'Describe*') | Should -HaveCount 0
        Test-OperationalFirewall -Definition $Declaration @As | Should -BeTrue
    }

    It 'reports an undeclared rule as drift, leaves it without -Prune and revokes it with -Prune' {
        $smaller = @{ Teams = @{ web = @{ Description = 'Web tier'; Rules = @(@{ Port = 443; Source = '10.0.0.0/16' }); AttachTo = @{ Role = 'web' } } } }
        Test-OperationalFirewall -Definition $smaller @As | Should -BeFalse
        $drift = @(Test-OperationalFirewall -Definition $smaller -Detailed @As)
        ($drift | Where-Object Kind -eq ExtraRule) | Should -HaveCount 2
        @(Set-OperationalFirewall -Definition $smaller -Confirm:$false @As) | Should -HaveCount 0
        $mark = Get-CdpCallMark
        $pruned = @(Set-OperationalFirewall -Definition $smaller -Prune -Force @As)
        $pruned.Action | Sort-Object -Unique | Should -Be 'RevokeRule'
        $pruned | Should -HaveCount 2
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -eq RevokeSecurityGroupIngress) | Should -HaveCount 1
        (Get-OperationalFirewall web @As).Rules | Should -HaveCount 1
    }

    It '-WhatIf plans without changing anything' {
        $mark = Get-CdpCallMark
        $planned = @(Set-OperationalFirewall -Definition $Declaration -WhatIf @As)
        $planned.Status | Sort-Object -Unique | Should -Be 'Planned'
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -notlike 'Describe*') | Should -HaveCount 0
    }
}

Describe 'A rule description changed behind the module''s back' {
    BeforeAll {
        Set-OperationalFirewall -Definition $Declaration -Confirm:$false @As | Out-Null
        $script:Url = $Sandbox.EndpointUrl
        $script:Https = (Get-OperationalFirewall web @As).Rules | Where-Object Source -eq '10.0.0.0/16'
        $script:GroupId = (Get-OperationalFirewall web @As).SecurityGroupId
        $script:Mutating = 'CreateSecurityGroup', 'AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress',
            'UpdateSecurityGroupRuleDescriptionsIngress', 'ModifySecurityGroupRules', 'ModifyNetworkInterfaceAttribute', 'CreateTags', 'DeleteTags'
        # The description AWS holds, read with a raw call so the module under test is not the witness.
        function script:Get-RawDescription {
            (Invoke-CdpRawEc2 $Url DescribeSecurityGroupRules @{ 'SecurityGroupRuleId.1' = $Https.SecurityGroupRuleId }).
                DescribeSecurityGroupRulesResponse.securityGroupRuleSet.item.description
        }
        # Someone edits the rule in the console: ModifySecurityGroupRules, a call the module never makes for this.
        Invoke-CdpRawEc2 $Url ModifySecurityGroupRules @{
            GroupId = $GroupId; 'SecurityGroupRule.1.SecurityGroupRuleId' = $Https.SecurityGroupRuleId
            'SecurityGroupRule.1.SecurityGroupRule.IpProtocol' = 'tcp'; 'SecurityGroupRule.1.SecurityGroupRule.FromPort' = '443'
            'SecurityGroupRule.1.SecurityGroupRule.ToPort' = '443'; 'SecurityGroupRule.1.SecurityGroupRule.CidrIpv4' = '10.0.0.0/16'
            'SecurityGroupRule.1.SecurityGroupRule.Description' = 'opened for a demo'
        } | Out-Null
    }

    It 'is reported by Test-OperationalFirewall as RuleDescription with both descriptions' {
        Get-RawDescription | Should -Be 'opened for a demo'
        Test-OperationalFirewall -Definition $Declaration @As | Should -BeFalse
        $drift = @(Test-OperationalFirewall -Definition $Declaration -Detailed @As)
        $drift | Should -HaveCount 1
        $drift[0].Kind | Should -Be 'RuleDescription'
        $drift[0].SecurityGroupId | Should -Be $GroupId
        $drift[0].SecurityGroupRuleId | Should -Be $Https.SecurityGroupRuleId
        $drift[0].Rule | Should -Be 'tcp 443 from 10.0.0.0/16'
        $drift[0].DeclaredDescription | Should -Be 'HTTPS from the VPC'
        $drift[0].ObservedDescription | Should -Be 'opened for a demo'
    }

    It 'is not drift for a rule declared without a Description' {
        $undescribed = @{ Teams = @{ web = @{ Description = 'Web tier'; AttachTo = @{ Role = 'web' }; Rules = @(
                        @{ Protocol = 'tcp'; Port = 443; Source = '10.0.0.0/16' }
                        @{ Protocol = 'tcp'; FromPort = 8080; ToPort = 8081; Source = @('10.0.1.0/24', '2001:db8::/64') }) } } }
        Test-OperationalFirewall -Definition $undescribed @As | Should -BeTrue
    }

    It '-WhatIf plans the update and changes nothing' {
        $mark = Get-CdpCallMark
        $planned = @(Set-OperationalFirewall -Definition $Declaration -WhatIf @As)
        $planned | Should -HaveCount 1
        $planned[0].Action | Should -Be 'UpdateRuleDescription'
        $planned[0].Status | Should -Be 'Planned'
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -in $Mutating) | Should -HaveCount 0
        Get-RawDescription | Should -Be 'opened for a demo'
    }

    It '-Confirm asks, naming both descriptions, and a No changes nothing' {
        $mark = Get-CdpCallMark
        $run = Invoke-CdpAnswering -Decline 'UpdateRuleDescription' -ScriptBlock {
            param($Declaration, $As)
            Set-OperationalFirewall -Definition $Declaration -Confirm @As
        } -ArgumentList $Declaration, $As
        $run.Errors | Should -BeNullOrEmpty
        $run.Prompts | Should -HaveCount 1
        $run.Prompts[0] | Should -BeLike "*tcp 443 from 10.0.0.0/16 to 'HTTPS from the VPC' (was 'opened for a demo')*"
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -in $Mutating) | Should -HaveCount 0
        Get-RawDescription | Should -Be 'opened for a demo'
    }

    It 'without ec2:UpdateSecurityGroupRuleDescriptionsIngress the item fails with the action named, and nothing changes' {
        $policy = Remove-CdpPolicyAction (Get-PatternIamPolicy Firewall FirewallAdministrator) 'ec2:UpdateSecurityGroupRuleDescriptionsIngress'
        $denied = (Register-CdpPrincipal -AccessKeyId AKIDFIREWALLNODESC -Policy $policy).Splat
        $changes = @(Set-OperationalFirewall -Definition $Declaration -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue @denied)
        $changes | Should -HaveCount 1
        $changes[0].Status | Should -Be 'Failed'
        $failed | Should -HaveCount 1
        $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'ec2:UpdateSecurityGroupRuleDescriptionsIngress'
        Get-RawDescription | Should -Be 'opened for a demo'
    }

    It 'is fixed by Set-OperationalFirewall with one UpdateSecurityGroupRuleDescriptionsIngress call, as the Firewall role' {
        $mark = Get-CdpCallMark
        $changes = @(Set-OperationalFirewall -Definition $Declaration -Confirm:$false @As)
        $calls = @(Get-CdpCallSince -Mark $mark)
        $changes | Should -HaveCount 1
        $changes[0].Action | Should -Be 'UpdateRuleDescription'
        $changes[0].Status | Should -Be 'Done'
        $changes[0].SecurityGroupRuleId | Should -Be $Https.SecurityGroupRuleId
        $changing = @($calls | Where-Object Action -in $Mutating)
        $changing.Action | Should -Be @('UpdateSecurityGroupRuleDescriptionsIngress')
        $changing[0].Outcome | Should -Be 'Success' -Because 'the published FirewallAdministrator role allows it on the managed team group'
        $calls | ForEach-Object { $_.AccessKeyId | Should -Be $Principal.AccessKeyId }
        Get-RawDescription | Should -Be 'HTTPS from the VPC'
    }

    It 'changes nothing on a second run' {
        $mark = Get-CdpCallMark
        @(Set-OperationalFirewall -Definition $Declaration -Confirm:$false @As) | Should -HaveCount 0
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -notlike 'Describe*') | Should -HaveCount 0
        Test-OperationalFirewall -Definition $Declaration @As | Should -BeTrue
    }
}

Describe 'Quotas are checked before any call' {
    It 'refuses a plan over the rules-per-group quota with no change made' {
        $many = @{ Quotas = @{ RulesPerGroup = 2 }; Teams = @{ big = @{ Rules = @(@{ Port = 1; Source = '10.0.0.0/8' }, @{ Port = 2; Source = '10.0.0.0/8' }, @{ Port = 3; Source = '10.0.0.0/8' }) } } }
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Set-OperationalFirewall -Definition $many -Confirm:$false @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'FirewallQuotaExceeded*'
        $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        @(Get-CdpCallSince -Mark $mark | Where-Object Action -notlike 'Describe*') | Should -HaveCount 0
    }
}

Describe 'Bad declarations are refused before any call' {
    It 'refuses <Name>' -ForEach @(
        @{ Name = 'a key typo, naming the key'; Decl = @{ Teams = @{ web = @{ Rulez = @() } } }; Id = 'UnknownDeclarationKey'; Text = "*'Rulez'*" }
        @{ Name = 'a bad CIDR'; Decl = @{ Teams = @{ web = @{ Rules = @(@{ Port = 22; Source = '10.0.0.300/32' }) } } }; Id = 'InvalidFirewallDeclaration'; Text = '*10.0.0.300/32*' }
        @{ Name = 'a port out of range'; Decl = @{ Teams = @{ web = @{ Rules = @(@{ Port = 70000; Source = '10.0.0.0/8' }) } } }; Id = 'InvalidFirewallDeclaration'; Text = '*70000*' }
        @{ Name = 'a wrong-shaped source group id'; Decl = @{ Teams = @{ web = @{ Rules = @(@{ Port = 22; Source = 'sg-xyz' }) } } }; Id = 'InvalidFirewallDeclaration'; Text = '*sg-xyz*' }
        @{ Name = 'a bad team name'; Decl = @{ Teams = @{ 'Web Team' = @{ } } }; Id = 'InvalidFirewallDeclaration'; Text = '*Web Team*' }
    ) {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Set-OperationalFirewall -Definition $Decl -Confirm:$false @As }
        $err.FullyQualifiedErrorId | Should -BeLike "$Id*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike $Text
        @(Get-CdpCallSince -Mark $mark) | Should -HaveCount 0
    }

    It 'refuses a typo in a .psd1 file with the key named' {
        $file = Join-Path $TestDrive 'firewall.psd1'
        Set-Content $file "@{ Teams = @{ web = @{ Descripton = 'x' } } }"
        $err = Get-CdpError { Test-OperationalFirewall -Path $file @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'UnknownDeclarationKey*'
        $err.Exception.Message | Should -BeLike "*'Descripton'*"
    }

    It 'refuses a wrong-shaped -VpcId at binding' {
        { Test-OperationalFirewall -Definition $Declaration -VpcId 'vpc-XYZ' @As } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}
