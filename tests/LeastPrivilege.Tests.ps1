# Least privilege proven: the published Core policy is enough for the core cmdlets, and each action they use is
# needed (without it they fail with PermissionDenied naming that action). Also Get-PatternIamPolicy itself.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-CdpSandbox
    $script:Core = Get-PatternIamPolicy Core

    # "ec2:DescribeTags" for a recorded call.
    function script:Get-IamAction($Call) { "$($Call.Service):$($Call.Action)" }
}

AfterAll { Stop-CdpSandbox }

Describe 'A principal holding exactly the Core policy' {
    BeforeAll {
        $script:CorePrincipal = Register-CdpPrincipal -AccessKeyId AKIDCOREONLY -Policy $Core
        $script:AsCore = $CorePrincipal.Splat
    }

    It 'reads Cloud DI settings of other instances with Get-PatternConfiguration -InstanceId' {
        $mark = Get-CdpCallMark
        $result = @(Get-PatternConfiguration -InstanceId $Seed.Web2, $Seed.Db1 @AsCore)
        $result.InstanceId | Should -Be @($Seed.Web2, $Seed.Db1)
        $calls = @(Get-CdpCallSince -Mark $mark)
        $calls | Should -HaveCount 4
        $calls.Outcome | Sort-Object -Unique | Should -Be 'Success'
        $calls.Principal | Sort-Object -Unique | Should -Be $CorePrincipal.PrincipalArn
        foreach ($c in $calls) { Get-IamAction $c | Should -BeIn $Core.Actions }
    }

    It 'reads its own settings with -Self when the instance role holds the Core policy (web-2: no metadata tags, so DescribeTags)' {
        Set-PatternSandbox -RoleName $Seed.WebRoleName -Policy $Core
        Set-PatternSandbox -CurrentInstanceId $Seed.Web2
        try {
            $mark = Get-CdpCallMark
            $result = @(Get-PatternConfiguration -Self)
            $result.InstanceId | Sort-Object -Unique | Should -Be $Seed.Web2
            $ec2 = @(Get-CdpCallSince -Mark $mark)
            $ec2.Action | Should -Be @('DescribeTags')
            $ec2[0].Outcome | Should -Be 'Success'
            $ec2[0].Principal | Should -BeLike "*$($Seed.WebRoleName)*"
        }
        finally { Set-PatternSandbox -CurrentInstanceId $Seed.Web1 }
    }
}

Describe 'The Core policy minus <Action>' -ForEach @(
    @{ Action = 'ec2:DescribeInstanceAttribute'; Key = 'AKIDNOATTRIBUTE' }
    @{ Action = 'ec2:DescribeTags'; Key = 'AKIDNOTAGS' }
) {
    BeforeAll {
        $script:Reduced = Remove-CdpPolicyAction -Policy $Core -Action $Action
        $script:Principal = Register-CdpPrincipal -AccessKeyId $Key -Policy $Reduced
    }

    It 'no longer allows <Action> but still everything else' {
        $actions = @(($Reduced | ConvertFrom-Json).Statement.Action)
        $actions | Should -Not -Contain $Action
        $actions.Count | Should -Be ($Core.Actions.Count - 1)
    }

    It 'makes Get-PatternConfiguration -InstanceId fail with PermissionDenied naming <Action>' {
        $mark = Get-CdpCallMark
        $splat = $Principal.Splat
        $out = Get-PatternConfiguration -InstanceId $Seed.Web2 @splat -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].Exception.Message | Should -BeLike "*$Action*"
        "$($errors[0].CategoryInfo.Category)" | Should -Be 'PermissionDenied'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'AwsCallFailed.UnauthorizedOperation,*'
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike "*$Action*"

        $calls = @(Get-CdpCallSince -Mark $mark)
        $denied = @($calls | Where-Object Outcome -eq 'UnauthorizedOperation')
        $denied | Should -HaveCount 1 -Because 'access denied is not retried'
        Get-IamAction $denied[0] | Should -Be $Action
        $denied[0].HttpStatus | Should -Be 403
        $denied[0].Principal | Should -Be $Principal.PrincipalArn
        $calls[-1].Sequence | Should -Be $denied[0].Sequence -Because 'the command stops at the denied call'
    }
}

Describe 'Actions of the Core policy no test exercised' {
    It 'are listed, and are not the whole policy' {
        $exercised = @(Get-PatternSandboxCall | Where-Object { $_.Service -ne 'imds' -and $_.Outcome -eq 'Success' } |
            ForEach-Object { Get-IamAction $_ } | Sort-Object -Unique)
        $unexercised = @($Core.Actions | Where-Object { $_ -notin $exercised })
        Write-Host "unexercised: $($unexercised -join ', ')"
        $exercised | Should -Not -BeNullOrEmpty
        $unexercised.Count | Should -BeLessThan $Core.Actions.Count
    }
}

Describe 'Get-PatternIamPolicy' {
    It 'returns the Core policy as a typed IamPolicy whose JSON allows exactly its Actions' {
        $Core | Should -BeOfType ([CloudDesignPatterns.Model.IamPolicy])
        $Core.Pattern | Should -Be 'Core'
        $Core.IsDefaultRole | Should -BeTrue
        $document = $Core.Json | ConvertFrom-Json
        $document.Version | Should -Be '2012-10-17'
        @($document.Statement.Effect | Sort-Object -Unique) | Should -Be 'Allow'
        @($document.Statement.Action | Sort-Object -Unique) | Should -Be @($Core.Actions | Sort-Object)
        $Core.Actions | Should -Contain 'ec2:DescribeTags'
        $Core.Actions | Should -Contain 'ec2:DescribeInstanceAttribute'
        $Core.Actions | Where-Object { $_ -notlike 'ec2:Describe*' -and $_ -ne 'sts:GetCallerIdentity' } |
            Should -BeNullOrEmpty -Because 'the core cmdlets only read'
    }

    It '-Pattern Snapshot -Role SnapshotRotation returns that role' {
        $policy = @(Get-PatternIamPolicy -Pattern Snapshot -Role SnapshotRotation)
        $policy | Should -HaveCount 1
        $policy[0].Pattern | Should -Be 'Snapshot'
        $policy[0].Role | Should -Be 'SnapshotRotation'
        $policy[0].IsDefaultRole | Should -BeFalse
        $policy[0].Actions | Should -Contain 'ec2:DeleteSnapshot'
        { $policy[0].Json | ConvertFrom-Json } | Should -Not -Throw
    }

    It 'matches names case-insensitively and picks the default role without -Role' {
        $policy = Get-PatternIamPolicy -Pattern snapshot
        $policy.Role | Should -Be 'Snapshot'
        $policy.IsDefaultRole | Should -BeTrue
    }

    It '-Pattern * returns every role, in catalog order' {
        $all = @(Get-PatternIamPolicy -Pattern * | ForEach-Object { "$($_.Pattern)/$($_.Role)" })
        $all | Should -Be @('Core/Core', 'Snapshot/Snapshot', 'Snapshot/SnapshotRotation', 'Snapshot/SnapshotRestore',
            'RoutingFailover/RoutingFailover', 'RoutingFailover/RoutingMonitor', 'FloatingIp/FloatingIp',
            'Firewall/FirewallAdministrator', 'Firewall/OnDemandIngress',
            'Bastion/BastionRequester', 'Bastion/BastionApprover', 'Bastion/BastionOperator',
            'Schedule/Schedule', 'Schedule/ScheduleReader', 'Route53Failover/Route53Failover', 'Route53Failover/Route53Monitor', 'GameDay/GameDay')
    }

    It '-Role with a wildcard selects several roles' {
        @(Get-PatternIamPolicy -Pattern Snapshot -Role 'SnapshotR*').Role | Should -Be @('SnapshotRotation', 'SnapshotRestore')
    }

    It 'reports an unknown pattern with UnknownPattern' {
        $out = Get-PatternIamPolicy -Pattern NoSuchPattern -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'UnknownPattern,*'
        "$($errors[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        $errors[0].Exception.Message | Should -BeLike '*Core*Snapshot*' -Because 'the message lists the known patterns'
    }

    It 'reports an unknown role with UnknownRole' {
        $out = Get-PatternIamPolicy -Pattern Snapshot -Role NoSuchRole -ErrorVariable errors -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'UnknownRole,*'
        "$($errors[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
    }

    It 'binds -Pattern and -Role by property name' {
        $policy = [pscustomobject]@{ Pattern = 'Snapshot'; Role = 'SnapshotRestore' } | Get-PatternIamPolicy
        $policy.Role | Should -Be 'SnapshotRestore'
    }

    It 'makes no AWS call' {
        $mark = Get-CdpCallMark
        Get-PatternIamPolicy -Pattern * | Out-Null
        @(Get-CdpCallSince -Mark $mark -IncludeImds) | Should -HaveCount 0
    }
}
