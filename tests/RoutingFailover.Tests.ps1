#Requires -Version 7.0
# Set-/Get-/Test-RoutingFailover against the sandbox, run as a principal holding EXACTLY the published RoutingFailover
# role (Get-PatternIamPolicy RoutingFailover), so least privilege is proven, not claimed. Each test asserts on the typed
# result, on the routes read back from the sandbox and on the calls it recorded (count and order).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -ErrorAction Stop
    $script:Role = Get-PatternIamPolicy RoutingFailover RoutingFailover
    $script:Principal = Register-CdpPrincipal -AccessKeyId AKIDROUTINGROLE -Policy $Role
    $script:As = $Principal.Splat
    $script:Monitor = (Register-CdpPrincipal -AccessKeyId AKIDROUTINGMON -Policy (Get-PatternIamPolicy RoutingFailover RoutingMonitor)).Splat
    $script:Vip = '100.64.0.10'
    $script:Main = 'rtb-0a1b2c3d4e5f60031'
    $script:TableC = 'rtb-0a1b2c3d4e5f60032'
    $script:Web2Eni = 'eni-0a1b2c3d4e5f60202'

    # A raw EC2 Query call as the unchecked admin, for setting the scene (the sandbox does not verify signatures).
    function script:Invoke-RawEc2([string] $Action, [hashtable] $Parameters = @{}) {
        $pairs = @("Action=$Action", 'Version=2016-11-15') + @($Parameters.GetEnumerator() | ForEach-Object {
                [uri]::EscapeDataString($_.Key) + '=' + [uri]::EscapeDataString([string]$_.Value) })
        $date = [DateTime]::UtcNow
        $headers = @{
            Authorization = "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXADMIN/$($date.ToString('yyyyMMdd'))/$($Seed.Region)/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
            'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
        }
        $response = Invoke-WebRequest -Uri $Sandbox.EndpointUrl -Method Post -Body ($pairs -join '&') -Headers $headers `
            -ContentType 'application/x-www-form-urlencoded; charset=utf-8' -SkipHttpErrorCheck -SkipHeaderValidation
        [pscustomobject]@{ StatusCode = [int]$response.StatusCode; Xml = [xml]$response.Content }
    }

    # The admin's view of one table's route for the virtual IP (from the raw XML, not from our cmdlets).
    function script:Get-RawRoute([string] $Table) {
        $answer = Invoke-RawEc2 DescribeRouteTables @{ 'RouteTableId.1' = $Table }
        @($answer.Xml.DescribeRouteTablesResponse.routeTableSet.item.routeSet.item) | Where-Object destinationCidrBlock -eq "$Vip/32"
    }

    # Both tables route the virtual IP to web-2, both may be rewritten by the role, source/dest check is on at web-1.
    function script:Reset-Scene {
        Set-PatternSandbox -ClearFaults -CurrentInstanceId $Seed.Web1
        foreach ($table in $Main, $TableC) {
            Invoke-RawEc2 CreateTags @{ 'ResourceId.1' = $table; 'Tag.1.Key' = 'cdp:routing:failover'; 'Tag.1.Value' = 'enabled' } | Out-Null
            Invoke-RawEc2 DeleteRoute @{ RouteTableId = $table; DestinationCidrBlock = "$Vip/32" } | Out-Null
            $created = Invoke-RawEc2 CreateRoute @{ RouteTableId = $table; DestinationCidrBlock = "$Vip/32"; NetworkInterfaceId = $Web2Eni }
            $created.StatusCode | Should -Be 200
        }
        (Invoke-RawEc2 ModifyNetworkInterfaceAttribute @{ NetworkInterfaceId = $Seed.Web1Eni; 'SourceDestCheck.Value' = 'true' }).StatusCode | Should -Be 200
    }

    function script:Get-StepCall([long] $Mark) { @(Get-CdpCallSince -Mark $Mark) }

    # Polls (as the admin) until an instance reaches a state; stop and start take a moment in the sandbox, as in EC2.
    function script:Wait-RawState([string] $InstanceId, [string] $State) {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            $answer = Invoke-RawEc2 DescribeInstances @{ 'InstanceId.1' = $InstanceId }
            $now = $answer.Xml.DescribeInstancesResponse.reservationSet.item.instancesSet.item.instanceState.name
            if ($now -eq $State) { return }
            Start-Sleep -Milliseconds 200
        } while ([DateTime]::UtcNow -lt $deadline)
        throw "$InstanceId did not reach $State (it is $now)"
    }
    $script:Mutating = 'ReplaceRoute', 'CreateRoute', 'ModifyNetworkInterfaceAttribute', 'ModifyInstanceAttribute', 'DeleteRoute'
}

AfterAll { Stop-CdpSandbox }

Describe 'Set-RoutingFailover -Self on web-1 (virtual IP from user data, tables discovered)' {
    BeforeAll {
        Reset-Scene
        $script:Mark = Get-CdpCallMark
        $script:Result = Set-RoutingFailover -Self @As
        $script:Calls = Get-StepCall $Mark
    }

    It 'returns one typed RoutingFailoverResult with a Switched row per table' {
        $Result | Should -HaveCount 1
        $Result | Should -BeOfType ([CloudDesignPatterns.Model.Routing.RoutingFailoverResult])
        $Result.VirtualIp | Should -Be $Vip -Because 'web-1''s user data has cdp:routing:virtual-ip=100.64.0.10'
        $Result.DestinationCidrBlock | Should -Be "$Vip/32"
        $Result.Region | Should -Be $Seed.Region
        $Result.VpcId | Should -Be $Seed.VpcId
        $Result.InstanceId | Should -Be $Seed.Web1
        $Result.NetworkInterfaceId | Should -Be $Seed.Web1Eni
        $Result.Succeeded | Should -BeTrue
        $Result.RouteTableId | Sort-Object | Should -Be @($Main, $TableC)
        foreach ($row in $Result.Tables) {
            $row.Outcome | Should -Be 'Switched'
            $row.PreviousNetworkInterfaceId | Should -Be $Web2Eni
            $row.PreviousInstanceId | Should -Be $Seed.Web2
            $row.PreviousTarget | Should -Be "$Web2Eni ($($Seed.Web2))"
            $row.NetworkInterfaceId | Should -Be $Seed.Web1Eni
            $row.State | Should -Be 'active'
            $row.ErrorId | Should -BeNullOrEmpty
        }
        $Result.ElapsedMilliseconds | Should -BeGreaterThan 0
    }

    It 'turned source/dest check off on web-1''s interface' {
        $Result.SourceDestCheckDisabled | Should -BeTrue
        $Result.SourceDestCheck | Should -BeFalse
        $answer = Invoke-RawEc2 DescribeNetworkInterfaceAttribute @{ NetworkInterfaceId = $Seed.Web1Eni; Attribute = 'sourceDestCheck' }
        $answer.Xml.DescribeNetworkInterfaceAttributeResponse.sourceDestCheck.value | Should -Be 'false'
    }

    It 'left both routes pointing at web-1, as EC2 shows them (instance and interface)' {
        foreach ($table in $Main, $TableC) {
            $route = Get-RawRoute $table
            $route.networkInterfaceId | Should -Be $Seed.Web1Eni
            $route.instanceId | Should -Be $Seed.Web1
            $route.state | Should -Be 'active'
        }
    }

    It 'made N + 6 calls for N = 2: three concurrent describes, the changes, the read-back of tables and interface' {
        $Calls | Should -HaveCount 8
        @($Calls[0..2].Action | Sort-Object) | Should -Be @('DescribeNetworkInterfaces', 'DescribeRouteTables', 'DescribeVpcs')
        @($Calls[3..5].Action | Sort-Object) | Should -Be @('ModifyNetworkInterfaceAttribute', 'ReplaceRoute', 'ReplaceRoute')
        @($Calls[6..7].Action | Sort-Object) | Should -Be @('DescribeNetworkInterfaces', 'DescribeRouteTables')
        ($Calls[6..7] | Where-Object Action -eq DescribeNetworkInterfaces).Parameters['NetworkInterfaceId.1'] | Should -Be $Seed.Web1Eni
        @($Calls | Where-Object Action -eq ReplaceRoute).Parameters.RouteTableId | Sort-Object | Should -Be @($Main, $TableC)
        @($Calls | Where-Object Action -eq ReplaceRoute) | ForEach-Object {
            $_.Parameters['NetworkInterfaceId'] | Should -Be $Seed.Web1Eni
            $_.Parameters['DestinationCidrBlock'] | Should -Be "$Vip/32"
        }
        $Calls.Principal | Sort-Object -Unique | Should -Be $Principal.PrincipalArn
        $Calls.Outcome | Sort-Object -Unique | Should -Be 'Success'
    }

    It 'sends no mutating call when run again: every table is AlreadyCurrent' {
        $mark = Get-CdpCallMark
        $again = Set-RoutingFailover -Self @As
        $calls = Get-StepCall $mark
        $again.Tables.Outcome | Sort-Object -Unique | Should -Be 'AlreadyCurrent'
        $again.SourceDestCheckDisabled | Should -BeFalse
        @($calls | Where-Object Action -in $Mutating) | Should -HaveCount 0
        $calls | Should -HaveCount 3
    }

    It 'Get-RoutingFailover shows where each table sends the virtual IP' {
        $routes = @(Get-RoutingFailover -VirtualIp $Vip @Monitor)
        $routes | Should -HaveCount 2
        $routes | ForEach-Object { $_ | Should -BeOfType ([CloudDesignPatterns.Model.Routing.RoutingFailoverRoute]) }
        $routes.NetworkInterfaceId | Sort-Object -Unique | Should -Be $Seed.Web1Eni
        $routes.InstanceId | Sort-Object -Unique | Should -Be $Seed.Web1
        $routes.State | Sort-Object -Unique | Should -Be 'active'
        $routes.Region | Sort-Object -Unique | Should -Be $Seed.Region
    }

    It 'Test-RoutingFailover is $true for this instance and $false for web-2, with describes only' {
        $mark = Get-CdpCallMark
        Test-RoutingFailover @Monitor | Should -BeTrue
        Test-RoutingFailover -VirtualIp $Vip -InstanceId $Seed.Web2 @Monitor | Should -BeFalse
        $detail = Test-RoutingFailover -VirtualIp $Vip -InstanceId $Seed.Web2 -Detailed @Monitor
        $detail | Should -BeOfType ([CloudDesignPatterns.Model.Routing.RoutingFailoverTest])
        $detail.Passed | Should -BeFalse
        $detail.ExpectedNetworkInterfaceId | Should -Be $Web2Eni
        $detail.Mismatched | Sort-Object | Should -Be @($Main, $TableC)
        $calls = Get-StepCall $mark
        @($calls | Where-Object Action -notlike 'Describe*') | Should -HaveCount 0
        $calls.Outcome | Sort-Object -Unique | Should -Be 'Success' -Because 'the RoutingMonitor role suffices'
    }
}

Describe 'Set-RoutingFailover -WhatIf' {
    It 'prints the plan, returns nothing and sends only the preflight describes' {
        Reset-Scene
        $mark = Get-CdpCallMark
        $out = Set-RoutingFailover -VirtualIp $Vip -InstanceId $Seed.Web1 -WhatIf @As
        $out | Should -BeNullOrEmpty
        $calls = Get-StepCall $mark
        @($calls | Where-Object Action -in $Mutating) | Should -HaveCount 0
        $calls.Action | Sort-Object | Should -Be @('DescribeInstances', 'DescribeRouteTables', 'DescribeVpcs')
        (Get-RawRoute $Main).networkInterfaceId | Should -Be $Web2Eni
    }
}

Describe 'Set-RoutingFailover -Confirm, answered item by item' {
    BeforeEach { Reset-Scene }

    It 'declining source/dest check sends no ModifyNetworkInterfaceAttribute, still switches the accepted tables, and warns' {
        $mark = Get-CdpCallMark
        $run = Invoke-CdpAnswering -Decline 'source/dest check' -ScriptBlock {
            param($Vip, $InstanceId, $As)
            Set-RoutingFailover -VirtualIp $Vip -InstanceId $InstanceId -Confirm @As -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings | ForEach-Object { "WARNING: $_" }
        } -ArgumentList $Vip, $Seed.Web1, $As
        $run.Errors | Should -BeNullOrEmpty
        $run.Prompts | Should -HaveCount 3 -Because 'one prompt for source/dest check and one per table'
        @($run.Prompts -match 'source/dest check') | Should -HaveCount 1
        $result = $run.Output | Where-Object { $_ -is [CloudDesignPatterns.Model.Routing.RoutingFailoverResult] }
        $result.SourceDestCheckDisabled | Should -BeFalse
        $result.SourceDestCheck | Should -BeTrue
        $result.Tables.Outcome | Sort-Object -Unique | Should -Be 'Switched'
        @($run.Output -like 'WARNING: Source/dest check stays on*') | Should -HaveCount 1
        $calls = Get-StepCall $mark
        @($calls | Where-Object Action -eq ModifyNetworkInterfaceAttribute) | Should -HaveCount 0
        @($calls | Where-Object Action -eq ReplaceRoute) | Should -HaveCount 2
        $answer = Invoke-RawEc2 DescribeNetworkInterfaceAttribute @{ NetworkInterfaceId = $Seed.Web1Eni; Attribute = 'sourceDestCheck' }
        $answer.Xml.DescribeNetworkInterfaceAttributeResponse.sourceDestCheck.value | Should -Be 'true'
    }

    It 'declining one table leaves it on its old target and sends no call for it' {
        $mark = Get-CdpCallMark
        $run = Invoke-CdpAnswering -Decline ([regex]::Escape($TableC)) -ScriptBlock {
            param($Vip, $InstanceId, $As)
            Set-RoutingFailover -VirtualIp $Vip -InstanceId $InstanceId -Confirm @As
        } -ArgumentList $Vip, $Seed.Web1, $As
        $run.Errors | Should -BeNullOrEmpty
        $result = $run.Output | Select-Object -First 1
        $result.RouteTableId | Should -Be @($Main) -Because 'a declined table is left out of the result'
        $result.SourceDestCheck | Should -BeFalse
        @((Get-StepCall $mark) | Where-Object Action -eq ReplaceRoute).Parameters.RouteTableId | Should -Be @($Main)
        (Get-RawRoute $TableC).networkInterfaceId | Should -Be $Web2Eni
    }

    It 'declining everything sends no change and returns nothing' {
        $mark = Get-CdpCallMark
        $run = Invoke-CdpAnswering -Decline '.' -ScriptBlock {
            param($Vip, $InstanceId, $As)
            Set-RoutingFailover -VirtualIp $Vip -InstanceId $InstanceId -Confirm @As
        } -ArgumentList $Vip, $Seed.Web1, $As
        $run.Output | Should -BeNullOrEmpty
        $run.Prompts | Should -HaveCount 3
        @((Get-StepCall $mark) | Where-Object Action -in $Mutating) | Should -HaveCount 0
    }
}

Describe 'Source/dest check that cannot be turned off' {
    It 'switches the routes, reports SourceDestCheckErrorId and Succeeded false, and writes a non-terminating error for the interface' {
        Reset-Scene
        $denied = Register-CdpPrincipal -AccessKeyId AKIDROUTINGNOSDC -Policy (Remove-CdpPolicyAction $Role -Action 'ec2:ModifyNetworkInterfaceAttribute')
        $as = $denied.Splat
        $result = Set-RoutingFailover -VirtualIp $Vip -InstanceId $Seed.Web1 @as -ErrorVariable errors -ErrorAction SilentlyContinue
        $result.Tables.Outcome | Sort-Object -Unique | Should -Be 'Switched'
        $result.SourceDestCheck | Should -BeTrue
        $result.SourceDestCheckDisabled | Should -BeFalse
        $result.SourceDestCheckErrorId | Should -Not -BeNullOrEmpty
        $result.Succeeded | Should -BeFalse
        $errors | Should -HaveCount 1
        $errors[0].TargetObject | Should -Be $Seed.Web1Eni
        "$($errors[0].CategoryInfo.Category)" | Should -Be 'PermissionDenied'
        $errors[0].Exception.Message | Should -BeLike '*Source/dest check is still on*'
        (Get-RawRoute $Main).networkInterfaceId | Should -Be $Seed.Web1Eni
    }
}

Describe 'A named table without the route' {
    BeforeEach {
        Reset-Scene
        Invoke-RawEc2 DeleteRoute @{ RouteTableId = $TableC; DestinationCidrBlock = "$Vip/32" } | Out-Null
    }

    It 'fails that table (RouteMissing, non-terminating) and still switches the other' {
        $result = Set-RoutingFailover -VirtualIp $Vip -InstanceId $Seed.Web1 -RouteTableId $Main, $TableC @As -ErrorVariable errors -ErrorAction SilentlyContinue
        $result.Succeeded | Should -BeFalse
        ($result.Tables | Where-Object RouteTableId -eq $Main).Outcome | Should -Be 'Switched'
        $missing = $result.Tables | Where-Object RouteTableId -eq $TableC
        $missing.Outcome | Should -Be 'Failed'
        $missing.ErrorId | Should -Be 'RouteMissing'
        $missing.ErrorMessage | Should -BeLike '*-CreateMissing*'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'RouteMissing,*'
        $errors[0].TargetObject | Should -Be $TableC
        "$($errors[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        (Get-RawRoute $Main).networkInterfaceId | Should -Be $Seed.Web1Eni
    }

    It 'creates it with -CreateMissing' {
        $mark = Get-CdpCallMark
        $result = Set-RoutingFailover -VirtualIp "$Vip/32" -InstanceId $Seed.Web1 -RouteTableId $Main, $TableC -CreateMissing @As
        ($result.Tables | Where-Object RouteTableId -eq $TableC).Outcome | Should -Be 'Created'
        ($result.Tables | Where-Object RouteTableId -eq $TableC).PreviousTarget | Should -BeNullOrEmpty
        ($result.Tables | Where-Object RouteTableId -eq $Main).Outcome | Should -Be 'Switched'
        (Get-RawRoute $TableC).networkInterfaceId | Should -Be $Seed.Web1Eni
        $calls = Get-StepCall $mark
        @($calls | Where-Object Action -eq CreateRoute) | Should -HaveCount 1
        @($calls | Where-Object Action -eq ReplaceRoute) | Should -HaveCount 1
    }
}

Describe 'Faults during the switch' {
    BeforeEach { Reset-Scene }
    AfterEach { Set-PatternSandbox -ClearFaults }

    It 'retries throttling and switches every table' {
        Set-PatternSandbox -ThrottleBurst 1 -ThrottleRefillPerSecond 4
        $mark = Get-CdpCallMark
        $result = Set-RoutingFailover -Self @As
        $result.Tables.Outcome | Sort-Object -Unique | Should -Be 'Switched'
        $calls = Get-StepCall $mark
        @($calls | Where-Object Outcome -eq 'RequestLimitExceeded') | Should -Not -BeNullOrEmpty -Because 'the sandbox throttled some mutating calls'
        @($calls | Where-Object { $_.Action -eq 'ReplaceRoute' -and $_.Outcome -eq 'Success' }) | Should -HaveCount 2
        foreach ($table in $Main, $TableC) { (Get-RawRoute $table).networkInterfaceId | Should -Be $Seed.Web1Eni }
    }

    It 'leaves the other tables switched when one returns an error, and names it' {
        # The role may rewrite only tables tagged cdp:routing:failover=enabled: untag one.
        Invoke-RawEc2 DeleteTags @{ 'ResourceId.1' = $TableC; 'Tag.1.Key' = 'cdp:routing:failover' } | Out-Null
        $result = Set-RoutingFailover -Self @As -ErrorVariable errors -ErrorAction SilentlyContinue
        $?  | Should -BeFalse
        ($result.Tables | Where-Object RouteTableId -eq $Main).Outcome | Should -Be 'Switched'
        $denied = $result.Tables | Where-Object RouteTableId -eq $TableC
        $denied.Outcome | Should -Be 'Failed'
        $denied.ErrorCode | Should -Be 'UnauthorizedOperation'
        $denied.NetworkInterfaceId | Should -Be $Web2Eni -Because 'the read-back shows the table unchanged'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'AwsCallFailed.UnauthorizedOperation,*'
        "$($errors[0].CategoryInfo.Category)" | Should -Be 'PermissionDenied'
        $errors[0].TargetObject | Should -Be $TableC
        $errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*ec2:ReplaceRoute*'
        (Get-RawRoute $Main).networkInterfaceId | Should -Be $Seed.Web1Eni
        (Get-RawRoute $TableC).networkInterfaceId | Should -Be $Web2Eni
    }

    It 'stops a script with -ErrorAction Stop after the other tables switched' {
        Invoke-RawEc2 DeleteTags @{ 'ResourceId.1' = $TableC; 'Tag.1.Key' = 'cdp:routing:failover' } | Out-Null
        $err = Get-CdpError { Set-RoutingFailover -Self @As -ErrorAction Stop }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'AwsCallFailed.UnauthorizedOperation,*'
        (Get-RawRoute $Main).networkInterfaceId | Should -Be $Seed.Web1Eni
    }

    It 'recognises on read-back a ReplaceRoute whose answer was lost after it took effect' {
        Set-PatternSandbox -DropNext 1 -DropMode AfterExecute -FaultAction ReplaceRoute
        $mark = Get-CdpCallMark
        $result = Set-RoutingFailover -Self @As -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 0
        $result.Succeeded | Should -BeTrue
        $result.Tables.Outcome | Sort-Object -Unique | Should -Be 'Switched'
        $replace = @(Get-StepCall $mark | Where-Object Action -eq ReplaceRoute)
        $replace | Should -HaveCount 3 -Because 'ReplaceRoute is idempotent: the lost call is sent again, and the read-back confirms it'
        @($replace | Where-Object Outcome -eq 'Dropped') | Should -HaveCount 1
        foreach ($table in $Main, $TableC) { (Get-RawRoute $table).networkInterfaceId | Should -Be $Seed.Web1Eni }
    }

    It 'with -Self and instance metadata down, errors before any AWS call' {
        Set-PatternSandbox -ImdsDown
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Set-RoutingFailover -Self @As -ErrorAction Stop }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'Imds*'
        @(Get-CdpCallSince -Mark $mark | Where-Object Service -eq ec2 | Where-Object Action -ne DescribeRegions) | Should -HaveCount 0
        (Get-RawRoute $Main).networkInterfaceId | Should -Be $Web2Eni
    }
}

Describe 'Bad input is refused before any change' {
    BeforeAll { Reset-Scene }

    It 'refuses <Text> as a virtual IP before any call' -ForEach @(
        @{ Text = '10.1' }, @{ Text = '100.64.0.10/24' }, @{ Text = '010.0.0.1' }, @{ Text = '256.1.1.1' }, @{ Text = 'vip' }
    ) {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Set-RoutingFailover -VirtualIp $Text -InstanceId $Seed.Web1 @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidVirtualIp,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        Get-CdpCallSince -Mark $mark -IncludeImds | Should -HaveCount 0
    }

    It 'refuses a malformed route table or instance id before any call' {
        $mark = Get-CdpCallMark
        (Get-CdpError { Set-RoutingFailover -VirtualIp $Vip -InstanceId 'i-123' @As }).FullyQualifiedErrorId | Should -BeLike 'InvalidInstanceId,*'
        (Get-CdpError { Set-RoutingFailover -VirtualIp $Vip -InstanceId $Seed.Web1 -RouteTableId 'rtb-xyz' @As }).FullyQualifiedErrorId | Should -BeLike 'InvalidRouteTableId,*'
        Get-CdpCallSince -Mark $mark -IncludeImds | Should -HaveCount 0
    }

    It 'refuses a virtual IP inside the VPC CIDR after the describes, with no change' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Set-RoutingFailover -VirtualIp 10.0.9.9 -InstanceId $Seed.Web1 -RouteTableId $Main -CreateMissing @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'VirtualIpInsideVpc,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike '*10.0.0.0/16*'
        $calls = Get-StepCall $mark
        @($calls | Where-Object Action -notlike 'Describe*') | Should -HaveCount 0
    }

    It 'refuses a virtual IP inside a secondary CIDR block of the VPC' {
        (Invoke-RawEc2 AssociateVpcCidrBlock @{ VpcId = $Seed.VpcId; CidrBlock = '100.96.0.0/16' }).StatusCode | Should -Be 200
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Set-RoutingFailover -VirtualIp 100.96.0.5 -InstanceId $Seed.Web1 -RouteTableId $Main -CreateMissing @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'VirtualIpInsideVpc,*'
        $err.Exception.Message | Should -BeLike '*100.96.0.0/16*'
        @(Get-StepCall $mark | Where-Object Action -notlike 'Describe*') | Should -HaveCount 0
    }

    It 'refuses a target in another VPC' {
        $vpc = (Invoke-RawEc2 CreateVpc @{ CidrBlock = '172.31.0.0/16' }).Xml.CreateVpcResponse.vpc.vpcId
        $subnet = (Invoke-RawEc2 CreateSubnet @{ VpcId = $vpc; CidrBlock = '172.31.1.0/24'; AvailabilityZone = "$($Seed.Region)a" }).Xml.CreateSubnetResponse.subnet.subnetId
        $run = Invoke-RawEc2 RunInstances @{ ImageId = 'ami-0a1b2c3d4e5f60401'; MinCount = 1; MaxCount = 1; SubnetId = $subnet }
        $run.StatusCode | Should -Be 200
        $other = $run.Xml.RunInstancesResponse.instancesSet.item.instanceId
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Set-RoutingFailover -VirtualIp $Vip -InstanceId $other -RouteTableId $Main, $TableC @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'TargetInOtherVpc,*'
        $err.Exception.Message | Should -BeLike "*$vpc*"
        @(Get-StepCall $mark | Where-Object Action -notlike 'Describe*') | Should -HaveCount 0
        (Get-RawRoute $Main).networkInterfaceId | Should -Be $Web2Eni
    }

    It 'refuses a stopped target, whose route would be a blackhole' {
        (Invoke-RawEc2 StopInstances @{ 'InstanceId.1' = $Seed.Db1 }).StatusCode | Should -Be 200
        Wait-RawState $Seed.Db1 stopped
        $err = Get-CdpError { Set-RoutingFailover -VirtualIp $Vip -InstanceId $Seed.Db1 @As }
        $err.FullyQualifiedErrorId | Should -BeLike 'TargetNotRunning,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidOperation'
    }
}

Describe 'Blackholes' {
    It 'Get-RoutingFailover shows a blackhole when the target instance is stopped, and a failover revives it' {
        Reset-Scene
        (Invoke-RawEc2 StopInstances @{ 'InstanceId.1' = $Seed.Web2 }).StatusCode | Should -Be 200
        $routes = @(Get-RoutingFailover -VirtualIp $Vip -RouteTableId $Main @Monitor)
        $routes[0].State | Should -Be 'blackhole'
        $routes[0].NetworkInterfaceId | Should -Be $Web2Eni
        Test-RoutingFailover -VirtualIp $Vip -InstanceId $Seed.Web2 @Monitor | Should -BeFalse -Because 'a blackhole does not reach web-2'
        $result = Get-RoutingFailover -VirtualIp $Vip @Monitor | Where-Object State -eq blackhole | Set-RoutingFailover -InstanceId $Seed.Web1 @As
        @($result).Count | Should -Be 2 -Because 'each piped route is its own failover'
        $result.Tables.Outcome | Sort-Object -Unique | Should -Be 'Switched'
        (Get-RawRoute $Main).state | Should -Be 'active'
        Wait-RawState $Seed.Web2 stopped
        (Invoke-RawEc2 StartInstances @{ 'InstanceId.1' = $Seed.Web2 }).StatusCode | Should -Be 200
        Wait-RawState $Seed.Web2 running
    }
}

Describe 'GameDay runbook: fail over to web-2 and back' {
    It 'moves the virtual IP to web-2 when web-1 is lost, then back to web-1, verified each time' {
        Reset-Scene
        Set-RoutingFailover -Self @As | Out-Null
        Test-RoutingFailover @Monitor | Should -BeTrue

        # Drill: web-1 fails; the standby (web-2) takes the virtual IP over as itself.
        Set-PatternSandbox -CurrentInstanceId $Seed.Web2
        $over = Set-RoutingFailover -Self -VirtualIp $Vip @As
        $over.InstanceId | Should -Be $Seed.Web2
        $over.Tables.Outcome | Sort-Object -Unique | Should -Be 'Switched'
        $over.Tables.PreviousInstanceId | Sort-Object -Unique | Should -Be $Seed.Web1
        $over.SourceDestCheck | Should -BeFalse
        Test-RoutingFailover -VirtualIp $Vip @Monitor | Should -BeTrue -Because 'web-2 now holds it'
        $over.ElapsedMilliseconds | Should -BeLessThan 10000

        # Recovery: web-1 is back and takes the virtual IP again.
        Set-PatternSandbox -CurrentInstanceId $Seed.Web1
        $back = Set-RoutingFailover -Self @As
        $back.Tables.Outcome | Sort-Object -Unique | Should -Be 'Switched'
        $back.Tables.PreviousInstanceId | Sort-Object -Unique | Should -Be $Seed.Web2
        Test-RoutingFailover @Monitor | Should -BeTrue
        Test-RoutingFailover -VirtualIp $Vip -InstanceId $Seed.Web2 @Monitor | Should -BeFalse
    }
}
