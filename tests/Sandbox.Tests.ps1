# The sandbox cmdlets: starting and stopping (in this process and as a process of its own), injected faults and
# what the cmdlets do about them, the call log and its filters, and the AWS CLI against the sandbox.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    # Explicit keys: calls need no instance-metadata round trips, so the call log holds only what a test caused.
    $script:Keys = @{ AccessKey = 'AKIDSANDBOX'; SecretKey = 'x' }
}

Describe 'Start-PatternSandbox and Stop-PatternSandbox in this process' {
    BeforeAll {
        Clear-PatternDefault
        Set-PatternDefault -Region eu-west-1
        $script:ImdsEndpointBefore = $env:AWS_EC2_METADATA_SERVICE_ENDPOINT
        $script:Sandbox = Start-PatternSandbox
    }
    AfterAll { Stop-PatternSandbox; Clear-PatternDefault }

    It 'returns a typed SandboxInfo for this process' {
        $Sandbox | Should -BeOfType ([CloudDesignPatterns.Model.SandboxInfo])
        $Sandbox.InProcess | Should -BeTrue
        $Sandbox.ProcessId | Should -Be $PID
        $Sandbox.Port | Should -BeGreaterThan 0
        $Sandbox.EndpointUrl | Should -Be "http://127.0.0.1:$($Sandbox.Port)/"
        $Sandbox.Region | Should -Be $Seed.Region
        $Sandbox.CurrentInstanceId | Should -Be $Seed.Web1
        (Invoke-WebRequest "$($Sandbox.EndpointUrl)_sandbox/health" -UseBasicParsing).StatusCode | Should -Be 200
    }

    It 'becomes the session endpoint, region and instance metadata endpoint' {
        $d = Get-PatternDefault
        $d.EndpointUrl | Should -Be $Sandbox.EndpointUrl
        $d.Region | Should -Be $Seed.Region
        $env:AWS_EC2_METADATA_SERVICE_ENDPOINT | Should -Be $Sandbox.EndpointUrl.TrimEnd('/')
        $env:AWS_EC2_METADATA_DISABLED | Should -Be 'false'
    }

    It 'refuses a second in-process sandbox with SandboxAlreadyRunning' {
        $e = Get-CdpError { Start-PatternSandbox }
        $e.FullyQualifiedErrorId | Should -BeLike 'SandboxAlreadyRunning,*'
        "$($e.CategoryInfo.Category)" | Should -Be 'ResourceExists'
        $e.TargetObject.EndpointUrl | Should -Be $Sandbox.EndpointUrl
    }

    It 'stops: the port is freed and the defaults and environment it replaced come back' {
        Stop-PatternSandbox
        Test-CdpPortFree -Port $Sandbox.Port | Should -BeTrue
        $d = Get-PatternDefault
        $d.Region | Should -Be 'eu-west-1'
        $d.EndpointUrl | Should -BeNullOrEmpty
        $env:AWS_EC2_METADATA_SERVICE_ENDPOINT | Should -Be $ImdsEndpointBefore
        $env:AWS_EC2_METADATA_DISABLED | Should -Be 'true'
        $e = Get-CdpError { Get-PatternSandboxCall }
        $e.FullyQualifiedErrorId | Should -BeLike 'NoSandbox,*'
        "$($e.CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
    }

    It 'starts nothing with -WhatIf' {
        Start-PatternSandbox -WhatIf | Should -BeNullOrEmpty
        (Get-PatternDefault).EndpointUrl | Should -BeNullOrEmpty
        (Get-CdpError { Get-PatternSandboxCall }).FullyQualifiedErrorId | Should -BeLike 'NoSandbox,*'
    }

    It 'starts again on the same port after a stop, with -CurrentInstanceId' {
        $again = Start-PatternSandbox -Port $Sandbox.Port -CurrentInstanceId $Seed.Db1
        try {
            $again.Port | Should -Be $Sandbox.Port
            $again.CurrentInstanceId | Should -Be $Seed.Db1
            (Get-PatternInstanceMetadata).InstanceId | Should -Be $Seed.Db1
        }
        finally { Stop-PatternSandbox }
    }
}

Describe 'Start-PatternSandbox -AsProcess' {
    BeforeAll {
        Clear-PatternDefault
        $script:Remote = Start-PatternSandbox -AsProcess
    }
    AfterAll { Stop-PatternSandbox; Clear-PatternDefault }

    It 'runs in another process and becomes the session endpoint' {
        $Remote.InProcess | Should -BeFalse
        $Remote.ProcessId | Should -Not -Be $PID
        Get-Process -Id $Remote.ProcessId | Should -Not -BeNullOrEmpty
        (Get-PatternDefault).EndpointUrl | Should -Be $Remote.EndpointUrl
    }

    It 'answers the cmdlets, and Get-PatternSandboxCall -EndpointUrl reads its call log' {
        $mark = Get-CdpCallMark -EndpointUrl $Remote.EndpointUrl
        $result = Get-PatternConfiguration -InstanceId $Seed.Web2 @Keys
        $result.KeepGenerations | Should -Be 3
        $calls = @(Get-CdpCallSince -Mark $mark -EndpointUrl $Remote.EndpointUrl)
        $calls.Action | Should -Be @('DescribeInstanceAttribute', 'DescribeTags')
        $calls.AccessKeyId | Sort-Object -Unique | Should -Be 'AKIDSANDBOX'
        $calls[0] | Should -BeOfType ([CloudDesignPatterns.Model.SandboxCall])
    }

    It 'takes settings through -EndpointUrl (current instance, clearing the log)' {
        Set-PatternSandbox -EndpointUrl $Remote.EndpointUrl -CurrentInstanceId $Seed.Db1
        (Get-PatternInstanceMetadata).InstanceId | Should -Be $Seed.Db1
        Set-PatternSandbox -EndpointUrl $Remote.EndpointUrl -ClearCalls
        @(Get-PatternSandboxCall -EndpointUrl $Remote.EndpointUrl) | Should -HaveCount 0
    }

    It 'is ended by Stop-PatternSandbox' {
        $Remote | Stop-PatternSandbox
        $process = Get-Process -Id $Remote.ProcessId -ErrorAction SilentlyContinue
        if ($process) { $process.WaitForExit(5000) | Out-Null; $process.HasExited | Should -BeTrue }
        Test-CdpPortFree -Port $Remote.Port | Should -BeTrue
        (Get-PatternDefault).EndpointUrl | Should -BeNullOrEmpty
    }
}

Describe 'Faults and the call log' {
    BeforeAll { $script:Sandbox = Start-CdpSandbox }
    AfterAll { Stop-CdpSandbox }
    AfterEach { Set-PatternSandbox -ClearFaults }

    It '-FailNext 2: the cmdlet retries and succeeds; the log shows two InternalError then Success' {
        Set-PatternSandbox -FailNext 2
        $mark = Get-CdpCallMark
        $result = Get-PatternConfiguration -InstanceId $Seed.Web2 @Keys
        $result.KeepGenerations | Should -Be 3
        $calls = @(Get-CdpCallSince -Mark $mark)
        $calls.Action | Should -Be @('DescribeInstanceAttribute', 'DescribeInstanceAttribute', 'DescribeInstanceAttribute', 'DescribeTags')
        $calls.Outcome | Should -Be @('InternalError', 'InternalError', 'Success', 'Success')
        $calls.HttpStatus | Should -Be @(500, 500, 200, 200)
    }

    It '-FailNext with -FailStatusCode 503 and -FaultAction hits only that action' {
        Set-PatternSandbox -FailNext 1 -FailStatusCode 503 -FaultAction DescribeTags
        $mark = Get-CdpCallMark
        Get-PatternConfiguration -InstanceId $Seed.Web2 @Keys | Should -Not -BeNullOrEmpty
        $calls = @(Get-CdpCallSince -Mark $mark)
        $calls.Action | Should -Be @('DescribeInstanceAttribute', 'DescribeTags', 'DescribeTags')
        $calls.Outcome | Should -Be @('Success', 'Unavailable', 'Success')
    }

    It '-ThrottleScope All: throttled attempts are recorded as RequestLimitExceeded and the command still succeeds' {
        $savedAttempts = $env:AWS_MAX_ATTEMPTS
        # More attempts than the default 5, so jittered back-off cannot run out before a token refills (no flakiness).
        $env:AWS_MAX_ATTEMPTS = '10'
        try {
            Set-PatternSandbox -ThrottleBurst 2 -ThrottleRefillPerSecond 1 -ThrottleScope All
            $mark = Get-CdpCallMark
            $result = @(Get-PatternConfiguration -InstanceId $Seed.Web2, $Seed.Db1 @Keys)
            $result.InstanceId | Should -Be @($Seed.Web2, $Seed.Db1)
            $calls = @(Get-CdpCallSince -Mark $mark)
            $throttled = @($calls | Where-Object Outcome -eq 'RequestLimitExceeded')
            $throttled.Count | Should -BeGreaterThan 0
            $throttled.HttpStatus | Sort-Object -Unique | Should -Be 503
            @($calls | Where-Object Outcome -eq 'Success').Action |
                Should -Be @('DescribeInstanceAttribute', 'DescribeTags', 'DescribeInstanceAttribute', 'DescribeTags')
            @($calls | Where-Object Outcome -notin 'Success', 'RequestLimitExceeded') | Should -HaveCount 0
        }
        finally { $env:AWS_MAX_ATTEMPTS = $savedAttempts }
    }

    It 'the default throttle scope (Mutating) leaves Describe calls alone' {
        Set-PatternSandbox -ThrottleBurst 1 -ThrottleRefillPerSecond 0.001
        $mark = Get-CdpCallMark
        Get-PatternConfiguration -InstanceId $Seed.Web2, $Seed.Db1 @Keys | Should -HaveCount 2
        (Get-CdpCallSince -Mark $mark).Outcome | Sort-Object -Unique | Should -Be 'Success'
    }

    It '-LatencyMs delays every answer' {
        Set-PatternSandbox -LatencyMs 300
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Get-PatternConfiguration -InstanceId $Seed.Web2 @Keys | Should -Not -BeNullOrEmpty
        $watch.Stop()
        $watch.Elapsed.TotalMilliseconds | Should -BeGreaterOrEqual 600 -Because 'two calls, 300 ms each'
        Set-PatternSandbox -LatencyMs 0
        $watch.Restart()
        Get-PatternConfiguration -InstanceId $Seed.Web2 @Keys | Should -Not -BeNullOrEmpty
        $watch.Elapsed.TotalMilliseconds | Should -BeLessThan 600
    }

    It '-DropNext drops the connection; a read is retried and succeeds' {
        Set-PatternSandbox -DropNext 1
        $mark = Get-CdpCallMark
        Get-PatternConfiguration -InstanceId $Seed.Web2 @Keys | Should -Not -BeNullOrEmpty
        $calls = @(Get-CdpCallSince -Mark $mark)
        $calls.Outcome | Should -Be @('Dropped', 'Success', 'Success')
        $calls[0].HttpStatus | Should -Be 0
        $calls[0].Action | Should -Be 'DescribeInstanceAttribute'
    }

    It '-ClearFaults removes pending faults' {
        Set-PatternSandbox -FailNext 5 -LatencyMs 200
        Set-PatternSandbox -ClearFaults
        $mark = Get-CdpCallMark
        $watch = [Diagnostics.Stopwatch]::StartNew()
        Get-PatternConfiguration -InstanceId $Seed.Web2 @Keys | Should -Not -BeNullOrEmpty
        $watch.Elapsed.TotalMilliseconds | Should -BeLessThan 400
        (Get-CdpCallSince -Mark $mark).Outcome | Should -Be @('Success', 'Success')
    }

    It 'changes nothing with -WhatIf' {
        Set-PatternSandbox -FailNext 3 -WhatIf
        $mark = Get-CdpCallMark
        Get-PatternConfiguration -InstanceId $Seed.Web2 @Keys | Should -Not -BeNullOrEmpty
        (Get-CdpCallSince -Mark $mark).Outcome | Should -Be @('Success', 'Success')
    }

    Context 'Get-PatternSandboxCall' {
        BeforeAll {
            Set-PatternSandbox -ClearCalls
            @(Get-PatternSandboxCall) | Should -HaveCount 0
            Get-PatternConfiguration -InstanceId $Seed.Web2, $Seed.Db1 @Keys | Out-Null
            Get-PatternInstanceMetadata | Out-Null
        }

        It 'returns typed calls, oldest first, with increasing sequence numbers' {
            $all = @(Get-PatternSandboxCall)
            $all.Count | Should -BeGreaterThan 4
            $all | ForEach-Object { $_ | Should -BeOfType ([CloudDesignPatterns.Model.SandboxCall]) }
            for ($i = 1; $i -lt $all.Count; $i++) { $all[$i].Sequence | Should -BeGreaterThan $all[$i - 1].Sequence }
        }

        It '-Service filters by service' {
            $ec2 = @(Get-PatternSandboxCall -Service ec2)
            $ec2 | Should -HaveCount 4
            $ec2.Service | Sort-Object -Unique | Should -Be 'ec2'
            $imds = @(Get-PatternSandboxCall -Service imds)
            $imds.Count | Should -BeGreaterThan 0
            $imds[0].Action | Should -Be '/latest/api/token'
        }

        It '-Action takes wildcards, case-insensitively' {
            @(Get-PatternSandboxCall -Action 'Describe*') | Should -HaveCount 4
            @(Get-PatternSandboxCall -Action 'describetags').Parameters.Values | Should -Contain $Seed.Db1
            @(Get-PatternSandboxCall -Action '*Attribute') | Should -HaveCount 2
            @(Get-PatternSandboxCall -Action 'NoSuchAction') | Should -HaveCount 0
        }

        It '-Last returns the newest matching calls' {
            $last = @(Get-PatternSandboxCall -Service ec2 -Last 2)
            $last.Action | Should -Be @('DescribeInstanceAttribute', 'DescribeTags')
            $last[0].Parameters['InstanceId'] | Should -Be $Seed.Db1
        }

        It '-After returns only calls after a sequence number' {
            $ec2 = @(Get-PatternSandboxCall -Service ec2)
            $after = @(Get-PatternSandboxCall -Service ec2 -After $ec2[1].Sequence)
            $after.Sequence | Should -Be @($ec2[2].Sequence, $ec2[3].Sequence)
        }
    }
}

Describe 'The AWS CLI against the sandbox' -Skip:(-not (Get-Command aws -CommandType Application -ErrorAction SilentlyContinue)) {
    BeforeAll {
        $script:Sandbox = Start-CdpSandbox
        function script:Invoke-AwsCli {
            $saved = $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY
            $env:AWS_ACCESS_KEY_ID = 'AKIDCLI'; $env:AWS_SECRET_ACCESS_KEY = 'x'
            try {
                $text = & aws ec2 @args --endpoint-url $Sandbox.EndpointUrl --region $Seed.Region --output json 2>&1
                if ($LASTEXITCODE -ne 0) { throw "aws ec2 $args failed ($LASTEXITCODE): $text" }
                ($text -join "`n") | ConvertFrom-Json
            }
            finally { $env:AWS_ACCESS_KEY_ID, $env:AWS_SECRET_ACCESS_KEY = $saved }
        }
    }
    AfterAll { Stop-CdpSandbox }

    It 'describe-instances lists the seeded instances, each of which the SDK also finds' {
        $mark = Get-CdpCallMark
        $answer = Invoke-AwsCli describe-instances
        $ids = @($answer.Reservations.Instances.InstanceId | Sort-Object)
        $ids | Should -Be $Seed.Instances
        $cliCalls = @(Get-CdpCallSince -Mark $mark)
        $cliCalls | Should -HaveCount 1
        $cliCalls[0].Action | Should -Be 'DescribeInstances'
        $cliCalls[0].AccessKeyId | Should -Be 'AKIDCLI'
        $cliCalls[0].Region | Should -Be $Seed.Region
        $sdk = @($ids | Get-PatternConfiguration @Keys -ErrorVariable sdkErrors -ErrorAction SilentlyContinue)
        $sdkErrors | Should -HaveCount 0
        @($sdk.InstanceId | Sort-Object -Unique) | Should -Be @($Seed.Web1, $Seed.Web2, $Seed.Db1) -Because 'batch-1 has no Cloud DI settings, the others have'
    }

    # The AWS CLI pages describe-volumes with MaxResults=1000; EC2 (and the sandbox) caps the page at 500 instead of failing.
    It 'describe-volumes lists the seeded volumes' {
        $answer = Invoke-AwsCli describe-volumes
        @($answer.Volumes.VolumeId) | Should -HaveCount 8
        ($answer.Volumes | Where-Object VolumeId -eq 'vol-0a1b2c3d4e5f60302').Attachments.InstanceId | Should -Be $Seed.Web1
    }

    It 'describe-route-tables lists both route tables of the VPC' {
        $answer = Invoke-AwsCli describe-route-tables
        @($answer.RouteTables.RouteTableId | Sort-Object) | Should -Be @('rtb-0a1b2c3d4e5f60031', 'rtb-0a1b2c3d4e5f60032')
        ($answer.RouteTables | Where-Object RouteTableId -eq 'rtb-0a1b2c3d4e5f60031').Associations.Main | Should -Contain $true
    }

    It 'describe-security-groups lists the seeded groups' {
        $answer = Invoke-AwsCli describe-security-groups
        $ids = @($answer.SecurityGroups | Where-Object VpcId -eq $Seed.VpcId | ForEach-Object GroupId | Sort-Object)
        $ids | Should -Be @('sg-0a1b2c3d4e5f60041', 'sg-0a1b2c3d4e5f60042', 'sg-0a1b2c3d4e5f60043')
    }

    It 'describe-addresses shows the Elastic IP of web-1' {
        $answer = Invoke-AwsCli describe-addresses
        $answer.Addresses | Should -HaveCount 1
        $answer.Addresses[0].AllocationId | Should -Be 'eipalloc-0a1b2c3d4e5f60501'
        $answer.Addresses[0].PublicIp | Should -Be '203.0.113.10'
        $answer.Addresses[0].InstanceId | Should -Be $Seed.Web1
    }

    It 'describe-snapshots --owner-ids self answers (no snapshot of our own yet)' {
        $mark = Get-CdpCallMark
        $answer = Invoke-AwsCli describe-snapshots --owner-ids self
        $answer.PSObject.Properties.Name | Should -Contain 'Snapshots'
        @($answer.Snapshots) | Where-Object { $_ } | Should -HaveCount 0 -Because 'the only seeded snapshot belongs to the Amazon-owned base image'
        (Get-CdpCallSince -Mark $mark)[0].Outcome | Should -Be 'Success'
    }

    It 'describe-tags shows the Cloud DI tags of web-1 as the SDK reads them' {
        $answer = Invoke-AwsCli describe-tags
        $web1 = @($answer.Tags | Where-Object ResourceId -eq $Seed.Web1)
        ($web1 | Where-Object Key -eq 'cdp:snapshot:policy').Value | Should -Be 'nightly'
        ($web1 | Where-Object Key -eq 'cdp:snapshot:keep-generations').Value | Should -Be '7'
        $sdk = Get-PatternConfiguration -InstanceId $Seed.Web1 -Pattern snapshot @Keys
        $sdk.KeepGenerations | Should -Be 7
    }
}
