#Requires -Version 7.0
# The Pacemaker resource agent shipped in the module folder (resource-agents/cdp-routing-failover), checked with Debian's
# ocf-tester against the sandbox. Everything runs in a network namespace of its own (unshare -rnm, a veth pair for the
# agent's interface), started by tests/data/Invoke-OcfAgentInNamespace.ps1, so no interface of the machine is touched.
# Needs resource-agents (ocf-tester) and util-linux (unshare); .ci/run installs them.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = $env:CDP_MODULE_PATH
    $script:Agent = Join-Path $module 'resource-agents/cdp-routing-failover'
    $pwsh = @(Get-CdpPwshCommand)
    $work = Join-Path ([IO.Path]::GetTempPath()) "cdp-ocf-$PID"
    New-Item -ItemType Directory -Path $work -Force | Out-Null
    # The agent runs `pwsh`; here pwsh may be 'dotnet pwsh.dll' (a local tool), so it gets a one-line wrapper.
    $wrapper = Join-Path $work 'pwsh'
    "#!/bin/sh`nexec $(($pwsh | ForEach-Object { "'$_'" }) -join ' ') `"`$@`"`n" | Set-Content $wrapper -NoNewline
    & chmod 755 $wrapper
    $inner = Join-Path $PSScriptRoot 'data/Invoke-OcfAgentInNamespace.ps1'
    $output = & /usr/bin/unshare -rnm @pwsh -NoProfile -NonInteractive -File $inner -ModulePath $module -PwshWrapper $wrapper 2>&1
    $lines = @($output | ForEach-Object { "$_" })
    $json = $lines | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1
    if (-not $json) { throw "The namespace run printed no result:`n$($lines -join "`n")" }
    $script:Run = $json | ConvertFrom-Json
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'cdp-routing-failover (OCF resource agent)' {
    It 'ships in the module folder, executable' {
        $Agent | Should -Exist
        # 755, as ocf-tester requires (its own check needs `su`, which a user namespace cannot run).
        [Convert]::ToString([int](Get-Item $Agent).UnixFileMode, 8) | Should -Be '755'
    }

    It 'passes ocf-tester (meta-data, validate-all, start, monitor, stop, repeated start and stop)' {
        $Run.TesterOutput | Should -Match 'passed all tests'
        $Run.TesterExit | Should -Be 0 -Because $Run.TesterOutput
    }

    It 'switched both route tables to web-1 through Set-RoutingFailover, as the RoutingFailover role, and left the VIP off after stop' {
        $Run.RoutesAfter | Should -Be @($Run.Web1Eni, $Run.Web1Eni)
        $Run.Mutating | Should -Contain 'ReplaceRoute'
        $Run.Denied | Should -BeNullOrEmpty -Because 'the role allows everything the agent does'
        $Run.VipLocalAfter | Should -BeFalse -Because 'ocf-tester ends with stop, which removes the VIP from veth0'
    }

    It 'monitor notices routes pointing elsewhere, says why, and changes nothing' {
        $Run.StartExit | Should -Be 0
        $Run.MonitorExit | Should -Be 7 -Because 'OCF_NOT_RUNNING'
        $Run.MonitorOutput | Should -Match 'ocf-exit-reason:.*points it elsewhere'
        $Run.MonitorActions | Should -Not -BeNullOrEmpty
        $Run.MonitorActions | Where-Object { $_ -notlike 'Describe*' } | Should -BeNullOrEmpty
        $Run.RoutesAfterMonitor | Should -Not -Contain $Run.Web1Eni
    }

    It 'start with a VIP inside the VPC CIDR fails with an exit reason' {
        $Run.InsideExit | Should -Be 1 -Because 'OCF_ERR_GENERIC'
        $Run.InsideOutput | Should -Match 'ocf-exit-reason:Set-RoutingFailover failed'
    }

    It 'validate-all refuses a malformed route table id as not configured, with an exit reason' {
        $Run.BadTableExit | Should -Be 6 -Because 'OCF_ERR_CONFIGURED'
        $Run.BadTableOutput | Should -Match "ocf-exit-reason:routing_table: 'rtb-nope'"
    }
}
