<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EndpointProbe</name>
    <message>
        <source>Connected to %1 (%2).</source>
        <translation>已连接到 %1（%2）。</translation>
    </message>
    <message>
        <source>The table %1.%2 does not exist.</source>
        <translation>表 %1.%2 不存在。</translation>
    </message>
    <message>
        <source>%1 column(s).</source>
        <translation>%1 列。</translation>
    </message>
    <message>
        <source>Cannot reach the Kafka brokers %1: %2</source>
        <translation>无法连接 Kafka Broker %1：%2</translation>
    </message>
    <message>
        <source>Connected: %1 broker(s), %2 topic(s).</source>
        <translation>已连接：%1 个 Broker，%2 个主题。</translation>
    </message>
    <message>
        <source>%1 field(s); the first %2 row(s) are shown.</source>
        <translation>%1 个字段；显示前 %2 行。</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) among the first rows cannot be read; a run stops at them, or dead-letters them when errors are skipped. The first: %1</source>
        <translation>
            <numerusform>前几行中有 %n 行无法读取；运行会在这些行停止（设置为跳过错误时写入死信）。第一行：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EngineMessages</name>
    <message>
        <source>cannot connect to %1 as %2: %3</source>
        <translation>无法以 %2 身份连接到 %1：%3</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>连接被拒绝（该端口上有服务器在运行吗？）</translation>
    </message>
    <message>
        <source>connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>no route to host</source>
        <translation>没有到主机的路由</translation>
    </message>
    <message>
        <source>unknown host %1</source>
        <translation>未知主机 %1</translation>
    </message>
    <message>
        <source>Access denied for user &apos;%1&apos;@&apos;%2&apos; (using password: YES)</source>
        <translation>密码错误：用户 &apos;%1&apos;@&apos;%2&apos; 的访问被拒绝</translation>
    </message>
    <message>
        <source>Access denied for user &apos;%1&apos;@&apos;%2&apos; (using password: NO)</source>
        <translation>需要密码：用户 &apos;%1&apos;@&apos;%2&apos; 的访问被拒绝</translation>
    </message>
    <message>
        <source>Unknown database &apos;%1&apos;</source>
        <translation>数据库 &apos;%1&apos; 不存在</translation>
    </message>
    <message>
        <source>cannot set up the session on %1: %2</source>
        <translation>无法在 %1 上设置会话：%2</translation>
    </message>
    <message>
        <source>table %1 does not exist (set &quot;createTable&quot;: true to create it)</source>
        <translation>表 %1 不存在（要创建它，请勾选“创建表”或设置 &quot;createTable&quot;: true）</translation>
    </message>
    <message>
        <source>Table &apos;%1&apos; doesn&apos;t exist</source>
        <translation>表 &apos;%1&apos; 不存在</translation>
    </message>
    <message>
        <source>topic &apos;%1&apos; does not exist on %2</source>
        <translation>主题 &apos;%1&apos; 在 %2 上不存在</translation>
    </message>
    <message>
        <source>expected %1 fields (as in the header) but found %2</source>
        <translation>CSV 行格式错误：应有 %1 个字段（与表头相同），实际为 %2 个</translation>
    </message>
    <message>
        <source>expected %1 fields (as in the first record) but found %2</source>
        <translation>CSV 行格式错误：应有 %1 个字段（与第一条记录相同），实际为 %2 个</translation>
    </message>
    <message>
        <source>unexpected character &apos;%1&apos; after a closing quote</source>
        <translation>CSV 行格式错误：右引号后出现意外字符 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unexpected character after a closing quote</source>
        <translation>CSV 行格式错误：右引号后出现意外字符</translation>
    </message>
    <message>
        <source>invalid UTF-8 byte %1</source>
        <translation>无效的 UTF-8 字节 %1</translation>
    </message>
    <message>
        <source>unbalanced quote: the quoted field opened on line %1 is never closed, so the rest of the file was read as one record</source>
        <translation>引号不配对：第 %1 行开始的带引号字段从未闭合，因此文件的其余部分被读成了一条记录</translation>
    </message>
    <message>
        <source>Duplicate entry &apos;%1&apos; for key &apos;%2&apos;</source>
        <translation>键 &apos;%2&apos; 的值 &apos;%1&apos; 重复</translation>
    </message>
    <message>
        <source>Column &apos;%1&apos; cannot be null</source>
        <translation>列 &apos;%1&apos; 不能为 NULL</translation>
    </message>
    <message>
        <source>required (a short name for the flow)</source>
        <translation>必填（流的简短名称）</translation>
    </message>
    <message>
        <source>required when onError is &apos;skip&apos; (a JSON Lines file, or {&quot;topic&quot;: ...})</source>
        <translation>onError 为 &apos;skip&apos; 时必填（JSON Lines 文件，或 {&quot;topic&quot;: ...}）</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>%1:%2:%3: %4</source>
        <translation>%1 第 %2 行第 %3 列：%4</translation>
    </message>
    <message>
        <source>%1:%2: %3</source>
        <translation>%1 第 %2 行：%3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>read</source>
        <comment>record error stage</comment>
        <translation>读取</translation>
    </message>
    <message>
        <source>mapping</source>
        <comment>record error stage</comment>
        <translation>映射</translation>
    </message>
    <message>
        <source>write</source>
        <comment>record error stage</comment>
        <translation>写入</translation>
    </message>
    <message>
        <source>run</source>
        <comment>record error stage: the run itself failed</comment>
        <translation>运行</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>no such table</source>
        <translation>表不存在</translation>
    </message>
</context>
<context>
    <name>RunNotes</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>line %1 of %2</source>
        <translation>%2 的第 %1 行</translation>
    </message>
    <message>
        <source>GTID %1</source>
        <translation>GTID %1</translation>
    </message>
    <message>
        <source>the checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>%1: %2 in %3 s — read %4, written %5, filtered %6, dead-lettered %7</source>
        <translation>%1：%2（%3 秒）— 读取 %4，写入 %5，过滤 %6，死信 %7</translation>
    </message>
    <message>
        <source>, failed %1</source>
        <translation>，失败 %1</translation>
    </message>
    <message>
        <source>(resumed at %1)</source>
        <translation>（从 %1 继续）</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>the keychain is turned off (FLOWDECK_KEYCHAIN=off)</source>
        <translation>钥匙串已关闭（FLOWDECK_KEYCHAIN=off）</translation>
    </message>
    <message>
        <source>no keychain service answers</source>
        <translation>没有可响应的钥匙串服务</translation>
    </message>
</context>
<context>
    <name>flowdeck::BrokerStatus</name>
    <message>
        <source>The embedded Kafka broker of flows with &quot;embedded&quot; brokers: it runs inside this window, keeps messages in memory only, and stops when Flowdeck quits</source>
        <translation>brokers 为 &quot;embedded&quot; 的流所用的内置 Kafka Broker：在本窗口内运行，消息只保存在内存中，Flowdeck 退出时停止</translation>
    </message>
    <message>
        <source>Embedded broker: running on %1</source>
        <translation>内置 Broker：运行于 %1</translation>
    </message>
    <message>
        <source>Embedded broker: not running</source>
        <translation>内置 Broker：未运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <comment>embedded broker</comment>
        <translation>停止</translation>
    </message>
    <message>
        <source>Start</source>
        <comment>embedded broker</comment>
        <translation>启动</translation>
    </message>
    <message>
        <source>Embedded broker: %1</source>
        <translation>内置 Broker：%1</translation>
    </message>
    <message>
        <source>Embedded broker: in use by a running flow; stop the run first</source>
        <translation>内置 Broker：正在运行的流在使用它，请先停止运行</translation>
    </message>
</context>
<context>
    <name>flowdeck::ChangeEventView</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>变更后</translation>
    </message>
</context>
<context>
    <name>flowdeck::CreateTableDialog</name>
    <message>
        <source>Create the Table</source>
        <translation>创建表</translation>
    </message>
    <message>
        <source>Flowdeck runs this statement on the destination server. The column names are the mapped names in snake_case; the types come from the preview&apos;s values. Edit it if you want.</source>
        <translation>Flowdeck 会在目标服务器上执行此语句。列名是映射目标名称的 snake_case 形式，类型根据预览中的值推断。可以按需编辑。</translation>
    </message>
    <message>
        <source>columns of the primary key, comma-separated</source>
        <translation>主键列，以逗号分隔</translation>
    </message>
    <message>
        <source>Create &amp;Table</source>
        <translation>创建表(&amp;T)</translation>
    </message>
    <message>
        <source>Primary &amp;key:</source>
        <translation>主键(&amp;K)</translation>
    </message>
    <message>
        <source>%1 is not a column of the table.</source>
        <translation>%1 不是该表的列。</translation>
    </message>
    <message>
        <source>Creating the table…</source>
        <translation>正在创建表…</translation>
    </message>
</context>
<context>
    <name>flowdeck::DetailsPage</name>
    <message>
        <source>Flow details</source>
        <translation>流详细信息</translation>
    </message>
    <message>
        <source>Name the flow and say what it is for. The name also names its file, its checkpoints and its run history.</source>
        <translation>为流命名并说明其用途。该名称也用于流的文件、检查点和运行历史记录。</translation>
    </message>
    <message>
        <source>e.g. salesforce-accounts-to-tidb</source>
        <translation>例如：salesforce-accounts-to-tidb</translation>
    </message>
    <message>
        <source>Optional: what the flow does, for whoever reads the list of flows.</source>
        <translation>可选：说明此流的作用，供查看流列表的人参考。</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)</translation>
    </message>
    <message>
        <source>Give the flow a name.</source>
        <translation>请为流命名。</translation>
    </message>
    <message>
        <source>The name must not contain &apos;/&apos;.</source>
        <translation>名称不能包含“/”。</translation>
    </message>
    <message>
        <source>The name must not contain control characters such as tabs.</source>
        <translation>名称不能包含制表符等控制字符。</translation>
    </message>
    <message>
        <source>The name must not start with &apos;.&apos;.</source>
        <translation>名称不能以“.”开头。</translation>
    </message>
    <message>
        <source>The name is longer than %1 characters.</source>
        <translation>名称超过 %1 个字符。</translation>
    </message>
    <message>
        <source>A flow named &quot;%1&quot; exists already.</source>
        <translation>名为“%1”的流已存在。</translation>
    </message>
    <message>
        <source>Flow na&amp;me:</source>
        <translation>流名称(&amp;M)</translation>
    </message>
</context>
<context>
    <name>flowdeck::EndpointTypePage</name>
    <message>
        <source>Source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Where do the records come from?</source>
        <translation>记录从哪里来？</translation>
    </message>
    <message>
        <source>Where do the records go?</source>
        <translation>记录写到哪里？</translation>
    </message>
    <message>
        <source>&amp;MySQL, MariaDB or TiDB</source>
        <translation>MySQL、MariaDB 或 TiDB(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Kafka</source>
        <translation>Kafka(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;File (CSV or JSON Lines)</source>
        <translation>文件（CSV 或 JSON Lines）(&amp;F)</translation>
    </message>
    <message>
        <source>Read a table once, or follow its changes from the binary log (CDC). No server at hand? The next page can start a sandbox database on this machine.</source>
        <translation>读取一次表，或从二进制日志跟踪其变更（CDC）。手头没有服务器？下一页可以在本机启动沙盒数据库。</translation>
    </message>
    <message>
        <source>Insert, update, upsert or replicate into a table; Flowdeck can create the table and add missing columns. No server at hand? The next page can start a sandbox database.</source>
        <translation>向表中插入、更新、Upsert 或复制数据；Flowdeck 可以创建表并添加缺少的列。手头没有服务器？下一页可以启动沙盒数据库。</translation>
    </message>
    <message>
        <source>Read messages from topics (JSON, canal-json or Debezium). No cluster? Use Flowdeck&apos;s embedded broker.</source>
        <translation>从主题读取消息（JSON、canal-json 或 Debezium）。没有集群？请使用 Flowdeck 的内置 Broker。</translation>
    </message>
    <message>
        <source>Write each record as a message: JSON, canal-json (as TiCDC writes it) or Debezium. No cluster? Use Flowdeck&apos;s embedded broker.</source>
        <translation>将每条记录写为一条消息：JSON、canal-json（与 TiCDC 的格式相同）或 Debezium。没有集群？请使用 Flowdeck 的内置 Broker。</translation>
    </message>
    <message>
        <source>A CSV or JSON Lines file, such as an export from Salesforce. A preview shows the first rows.</source>
        <translation>CSV 或 JSON Lines 文件，例如从 Salesforce 导出的文件。预览会显示前几行。</translation>
    </message>
    <message>
        <source>Write a CSV or JSON Lines file.</source>
        <translation>写入 CSV 或 JSON Lines 文件。</translation>
    </message>
</context>
<context>
    <name>flowdeck::ErrorListModel</name>
    <message>
        <source>%1 (stopped the run)</source>
        <translation>%1（已停止运行）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>%1 (dead-lettered)</source>
        <translation>%1（已转入死信）</translation>
    </message>
</context>
<context>
    <name>flowdeck::FieldMappingModel</name>
    <message>
        <source>The destination is empty.</source>
        <translation>目标为空。</translation>
    </message>
    <message>
        <source>The column &apos;%1&apos; is already mapped in row %2.</source>
        <translation>列“%1”已在第 %2 行映射。</translation>
    </message>
    <message>
        <source>The destination has no column &apos;%1&apos;.</source>
        <translation>目标中没有列“%1”。</translation>
    </message>
    <message>
        <source>Choose a source field or a transform for &apos;%1&apos;.</source>
        <translation>请为“%1”选择源字段或转换。</translation>
    </message>
    <message>
        <source>The source has no field &apos;%1&apos;.</source>
        <translation>源中没有字段“%1”。</translation>
    </message>
    <message>
        <source>Double-click to edit the steps.</source>
        <translation>双击以编辑步骤。</translation>
    </message>
    <message>
        <source>Source field</source>
        <translation>源字段</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Transform</source>
        <translation>转换</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>cast to %1</source>
        <translation>转换为 %1</translation>
    </message>
</context>
<context>
    <name>flowdeck::FilePage</name>
    <message>
        <source>Source file</source>
        <translation>源文件</translation>
    </message>
    <message>
        <source>Destination file</source>
        <translation>目标文件</translation>
    </message>
    <message>
        <source>Choose a CSV or JSON Lines file. A glob such as exports/*.csv takes each new file once.</source>
        <translation>请选择 CSV 或 JSON Lines 文件。使用 exports/*.csv 这样的通配符时，每个新文件读取一次。</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <source>/path/to/accounts.csv</source>
        <translation>/path/to/accounts.csv</translation>
    </message>
    <message>
        <source>/path/to/output.jsonl</source>
        <translation>/path/to/output.jsonl</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>From the file name</source>
        <translation>根据文件名判断</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>First row holds the column &amp;names</source>
        <translation>首行为列名(&amp;N)</translation>
    </message>
    <message>
        <source>comma ( , )</source>
        <translation>逗号（ , ）</translation>
    </message>
    <message>
        <source>semicolon ( ; )</source>
        <translation>分号（ ; ）</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>bar ( | )</source>
        <translation>竖线（ | ）</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>格式(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>分隔符(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quote:</source>
        <translation>引号(&amp;Q)</translation>
    </message>
    <message>
        <source>Data files (*.csv *.tsv *.jsonl *.ndjson *.txt);;All files (*)</source>
        <translation>数据文件 (*.csv *.tsv *.jsonl *.ndjson *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading the first rows…</source>
        <translation>正在读取前几行…</translation>
    </message>
    <message>
        <source>A destination is one file: no &apos;*&apos; or &apos;?&apos; in the path.</source>
        <translation>目标是单个文件：路径中不能包含“*”或“?”。</translation>
    </message>
</context>
<context>
    <name>flowdeck::FilterDelegate</name>
    <message>
        <source>low</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>high</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>and</source>
        <translation>至</translation>
    </message>
    <message>
        <source>value, value, …</source>
        <translation>值, 值, …</translation>
    </message>
</context>
<context>
    <name>flowdeck::FilterEditor</name>
    <message>
        <source>Only records that meet every condition are written. Conditions apply to the source fields, before the mapping.</source>
        <translation>只写入满足所有条件的记录。条件作用于映射之前的源字段。</translation>
    </message>
    <message>
        <source>&amp;Add filter</source>
        <translation>添加筛选器(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Filter %1: %2</source>
        <translation>筛选器 %1：%2</translation>
    </message>
    <message>
        <source>No preview rows.</source>
        <translation>没有预览行。</translation>
    </message>
    <message>
        <source>Fix the filters to count the preview rows that pass.</source>
        <translation>请修正筛选器，以统计通过的预览行。</translation>
    </message>
    <message>
        <source>%1 of %2 preview rows pass</source>
        <translation>%2 个预览行中有 %1 行通过</translation>
    </message>
</context>
<context>
    <name>flowdeck::FilterModel</name>
    <message>
        <source>equals</source>
        <translation>等于</translation>
    </message>
    <message>
        <source>does not equal</source>
        <translation>不等于</translation>
    </message>
    <message>
        <source>less than</source>
        <translation>小于</translation>
    </message>
    <message>
        <source>less than or equal to</source>
        <translation>小于或等于</translation>
    </message>
    <message>
        <source>greater than</source>
        <translation>大于</translation>
    </message>
    <message>
        <source>greater than or equal to</source>
        <translation>大于或等于</translation>
    </message>
    <message>
        <source>between</source>
        <translation>介于</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>属于以下之一</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>不属于以下任何一个</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>开头是</translation>
    </message>
    <message>
        <source>ends with</source>
        <translation>结尾是</translation>
    </message>
    <message>
        <source>is null</source>
        <translation>为 NULL</translation>
    </message>
    <message>
        <source>is not null</source>
        <translation>不为 NULL</translation>
    </message>
    <message>
        <source>matches the regular expression</source>
        <translation>匹配正则表达式</translation>
    </message>
    <message>
        <source>Choose a field.</source>
        <translation>请选择字段。</translation>
    </message>
    <message>
        <source>The source has no field &apos;%1&apos;.</source>
        <translation>源中没有字段“%1”。</translation>
    </message>
    <message>
        <source>Unknown operator &apos;%1&apos;.</source>
        <translation>未知运算符“%1”。</translation>
    </message>
    <message>
        <source>&apos;between&apos; needs two values: the low and the high end.</source>
        <translation>“介于”需要两个值：下限和上限。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a list of values, separated by commas.</source>
        <translation>“%1”需要以逗号分隔的值列表。</translation>
    </message>
    <message>
        <source>Invalid regular expression: %1 at offset %2.</source>
        <translation>无效的正则表达式：偏移量 %2 处 %1。</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Values separated by commas; quote a value that holds a comma: &quot;a, b&quot;</source>
        <translation>以逗号分隔各值；包含逗号的值请加引号：&quot;a, b&quot;</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>flowdeck::FiltersPage</name>
    <message>
        <source>Filters (optional)</source>
        <translation>筛选器（可选）</translation>
    </message>
    <message>
        <source>Keep only the records that meet every condition. Leave the list empty to keep everything.</source>
        <translation>仅保留满足所有条件的记录。列表留空则保留全部记录。</translation>
    </message>
</context>
<context>
    <name>flowdeck::FlowListModel</name>
    <message>
        <source>invalid flow file</source>
        <translation>无效的流文件</translation>
    </message>
    <message>
        <source>Run on demand</source>
        <translation>按需运行</translation>
    </message>
    <message>
        <source>Run on schedule</source>
        <translation>按计划运行</translation>
    </message>
    <message>
        <source>Continuous</source>
        <translation>持续运行</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>流</translation>
    </message>
    <message>
        <source>Source → Destination</source>
        <translation>源 → 目标</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>触发器</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>下次运行</translation>
    </message>
    <message>
        <source>read %1, written %2, filtered %3, dead-lettered %4</source>
        <translation>读取 %1，写入 %2，已筛除 %3，死信 %4</translation>
    </message>
    <message>
        <source>, failed %1</source>
        <translation>，失败 %1</translation>
    </message>
    <message>
        <source>deactivated after %1 failed runs in a row</source>
        <translation>连续失败 %1 次后已停用</translation>
    </message>
</context>
<context>
    <name>flowdeck::FlowWizard</name>
    <message>
        <source>Create Flow</source>
        <translation>创建流</translation>
    </message>
    <message>
        <source>Edit Flow</source>
        <translation>编辑流</translation>
    </message>
    <message>
        <source>Save Flow</source>
        <translation>保存流</translation>
    </message>
    <message>
        <source>Cannot save the secret %1 in the keychain: %2</source>
        <translation>无法将密钥 %1 保存到钥匙串：%2</translation>
    </message>
    <message>
        <source>%1 exists already.</source>
        <translation>%1 已存在。</translation>
    </message>
    <message>
        <source>The flow was not saved:

%1</source>
        <translation>流未保存：

%1</translation>
    </message>
    <message>
        <source>Discard the changes to this flow?</source>
        <translation>是否放弃对此流的更改？</translation>
    </message>
    <message>
        <source>Discard this new flow?</source>
        <translation>是否放弃此新流？</translation>
    </message>
</context>
<context>
    <name>flowdeck::KafkaPage</name>
    <message>
        <source>Source: Kafka</source>
        <translation>源：Kafka</translation>
    </message>
    <message>
        <source>Destination: Kafka</source>
        <translation>目标：Kafka</translation>
    </message>
    <message>
        <source>Connect to the cluster, then say which topics to read.</source>
        <translation>连接到集群，然后指定要读取的主题。</translation>
    </message>
    <message>
        <source>Connect to the cluster, then say which topic each record goes to.</source>
        <translation>连接到集群，然后指定每条记录写入的主题。</translation>
    </message>
    <message>
        <source>host1:9092,host2:9092</source>
        <translation>host1:9092,host2:9092</translation>
    </message>
    <message>
        <source>Use Flowdeck&apos;s &amp;embedded broker (in memory, for trying flows)</source>
        <translation>使用 Flowdeck 的内置 Broker（内存中，用于试用流）(&amp;E)</translation>
    </message>
    <message>
        <source>None (plaintext)</source>
        <translation>无（明文）</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>&amp;Brokers:</source>
        <translation>Broker(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Security:</source>
        <translation>安全(&amp;S)</translation>
    </message>
    <message>
        <source>SAS&amp;L:</source>
        <translation>SASL(&amp;L)</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>JSON: the row as one object</source>
        <translation>JSON：每行作为一个对象</translation>
    </message>
    <message>
        <source>canal-json (as TiCDC writes it)</source>
        <translation>canal-json（与 TiCDC 的格式相同）</translation>
    </message>
    <message>
        <source>Debezium JSON</source>
        <translation>Debezium JSON</translation>
    </message>
    <message>
        <source>a topic, topics separated by commas, or ^regex</source>
        <translation>一个主题、以逗号分隔的多个主题，或 ^正则表达式</translation>
    </message>
    <message>
        <source>e.g. tidb_{schema}_{table}</source>
        <translation>例如：tidb_{schema}_{table}</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Topic and partitions</source>
        <translation>主题和分区</translation>
    </message>
    <message>
        <source>T&amp;opic:</source>
        <translation>主题(&amp;O)</translation>
    </message>
    <message>
        <source>T&amp;opic template:</source>
        <translation>主题模板(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>协议(&amp;P)</translation>
    </message>
    <message>
        <source>Committed offsets (default)</source>
        <translation>已提交的偏移量（默认）</translation>
    </message>
    <message>
        <source>Earliest</source>
        <translation>最早</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Consumer &amp;group:</source>
        <translation>消费者组(&amp;G)</translation>
    </message>
    <message>
        <source>Start &amp;from:</source>
        <translation>起始位置(&amp;F)</translation>
    </message>
    <message>
        <source>table: by table</source>
        <translation>table：按表</translation>
    </message>
    <message>
        <source>ts: by commit time</source>
        <translation>ts：按提交时间</translation>
    </message>
    <message>
        <source>columns: by the columns below</source>
        <translation>columns：按下列各列</translation>
    </message>
    <message>
        <source>a,b</source>
        <translation>a,b</translation>
    </message>
    <message>
        <source>&amp;Create missing topics with</source>
        <translation>创建缺少的主题(&amp;C)</translation>
    </message>
    <message>
        <source> partitions</source>
        <translation> 个分区</translation>
    </message>
    <message>
        <source>replication factor </source>
        <translation>副本因子 </translation>
    </message>
    <message>
        <source>P&amp;artition by:</source>
        <translation>分区依据(&amp;A)</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>unchanged (%1)</source>
        <translation>未更改（%1）</translation>
    </message>
    <message>
        <source>Give the brokers, or use the embedded broker.</source>
        <translation>请指定 Broker，或使用内置 Broker。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>The SASL password is kept in the system keychain as %1, never in the flow file.</source>
        <translation>SASL 密码以 %1 的名称保存在系统钥匙串中，绝不写入流文件。</translation>
    </message>
    <message>
        <source>No keychain is available (%1): the SASL password is not saved. The flow refers to it as ${%2}; set that environment variable before running the flow.</source>
        <translation>没有可用的钥匙串（%1）：SASL 密码不会被保存。流以 ${%2} 引用该密码；请在运行流之前设置此环境变量。</translation>
    </message>
    <message>
        <source>A destination writes to one topic (a template may use {schema} and {table}).</source>
        <translation>目标写入一个主题（模板中可以使用 {schema} 和 {table}）。</translation>
    </message>
    <message>
        <source>Name the columns to partition by.</source>
        <translation>请指定用于分区的列。</translation>
    </message>
    <message>
        <source>Default (TiCDC&apos;s default: by table)</source>
        <translation>默认 (TiCDC 的默认: 按表)</translation>
    </message>
    <message>
        <source>index-value: by primary key</source>
        <translation>index-value: 按主键</translation>
    </message>
    <message>
        <source>key: by message key (Kafka&apos;s Java default)</source>
        <translation>key: 按消息键 (Kafka Java 客户端的默认)</translation>
    </message>
</context>
<context>
    <name>flowdeck::MainWindow</name>
    <message>
        <source>read %1, written %2, filtered %3, dead-lettered %4</source>
        <translation>读取 %1，写入 %2，筛除 %3，死信 %4</translation>
    </message>
    <message>
        <source>, failed %1</source>
        <translation>，失败 %1</translation>
    </message>
    <message>
        <source>Flowdeck</source>
        <translation>Flowdeck</translation>
    </message>
    <message>
        <source>Select a flow to see its file and its last run.</source>
        <translation>选择一个流以查看其文件和上次运行结果。</translation>
    </message>
    <message>
        <source>Flows in %1</source>
        <translation>%1 中的流</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import Flow File…</source>
        <translation>导入流文件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Reload Flows</source>
        <translation>重新加载流(&amp;R)</translation>
    </message>
    <message>
        <source>Show Flow &amp;Folder</source>
        <translation>显示流文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>F&amp;low</source>
        <translation>流(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Run Flow</source>
        <translation>运行流(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Stop the Current Flow Run</source>
        <translation>停止当前流运行(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Flowdeck</source>
        <translation>关于 Flowdeck(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>流</translation>
    </message>
    <message>
        <source>Run Flow</source>
        <translation>运行流</translation>
    </message>
    <message>
        <source>This flow file has problems:
%1

</source>
        <translation>此流文件存在问题：
%1

</translation>
    </message>
    <message>
        <source>started %1</source>
        <translation>开始于 %1</translation>
    </message>
    <message>
        <source>Last run: %1 in %2 s — %3</source>
        <translation>上次运行：%1，用时 %2 秒 — %3</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Dead letters: %1</source>
        <translation>死信：%1</translation>
    </message>
    <message>
        <source>Import Flow File</source>
        <translation>导入流文件</translation>
    </message>
    <message>
        <source>Flow files (*.flow.json);;JSON files (*.json)</source>
        <translation>流文件 (*.flow.json);;JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>%1 exists. Replace it?</source>
        <translation>%1 已存在。是否替换？</translation>
    </message>
    <message>
        <source>%1 is not a valid flow file:

%2</source>
        <translation>%1 不是有效的流文件：

%2</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start of Flowdeck.</source>
        <translation>新语言将在下次启动 Flowdeck 时生效。</translation>
    </message>
    <message>
        <source>About Flowdeck</source>
        <translation>关于 Flowdeck</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Flowdeck %1&lt;/h3&gt;&lt;p&gt;Build and run data flows between MySQL/MariaDB/TiDB tables, Kafka topics and CSV/JSON Lines files, on your own machine.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Flowdeck %1&lt;/h3&gt;&lt;p&gt;在您自己的计算机上构建并运行数据流，在 MySQL/MariaDB/TiDB 表、Kafka 主题和 CSV/JSON Lines 文件之间传输数据。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;New Flow…</source>
        <translation>新建流(&amp;N)…</translation>
    </message>
    <message>
        <source>New Flow</source>
        <translation>新建流</translation>
    </message>
    <message>
        <source>&amp;Edit Flow…</source>
        <translation>编辑流(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>D&amp;uplicate Flow</source>
        <translation>复制流(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delete Flow…</source>
        <translation>删除流(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>E&amp;xport Flow File…</source>
        <translation>导出流文件(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Monitor…</source>
        <translation>监控(&amp;M)…</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>监控</translation>
    </message>
    <message>
        <source>Edit Flow</source>
        <translation>编辑流</translation>
    </message>
    <message>
        <source>Cannot edit %1: %2</source>
        <translation>无法编辑 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Delete Flow</source>
        <translation>删除流</translation>
    </message>
    <message>
        <source>Delete the flow &quot;%1&quot;?

Its file %2 is removed. Its run history stays.</source>
        <translation>是否删除流“%1”？

其文件 %2 将被删除，运行历史记录会保留。</translation>
    </message>
    <message>
        <source>Cannot delete %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>已删除 %1</translation>
    </message>
    <message>
        <source>Duplicate Flow</source>
        <translation>复制流</translation>
    </message>
    <message>
        <source>Export Flow File</source>
        <translation>导出流文件</translation>
    </message>
    <message>
        <source>Flow files (*.flow.json)</source>
        <translation>流文件 (*.flow.json)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>&amp;Topic Browser</source>
        <translation>主题浏览器(&amp;T)</translation>
    </message>
    <message>
        <source>Run &amp;Now</source>
        <translation>立即运行(&amp;N)</translation>
    </message>
    <message>
        <source>Run Now</source>
        <translation>立即运行</translation>
    </message>
    <message>
        <source>&amp;Pause Schedule</source>
        <translation>暂停计划(&amp;P)</translation>
    </message>
    <message>
        <source>Pause Schedule</source>
        <translation>暂停计划</translation>
    </message>
    <message>
        <source>Res&amp;ume Schedule</source>
        <translation>恢复计划(&amp;U)</translation>
    </message>
    <message>
        <source>Resume Schedule</source>
        <translation>恢复计划</translation>
    </message>
    <message>
        <source>Re&amp;activate Schedule</source>
        <translation>重新启用计划(&amp;A)</translation>
    </message>
    <message>
        <source>Reactivate Schedule</source>
        <translation>重新启用计划</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Not scheduled: %1</source>
        <translation>未计划：%1</translation>
    </message>
    <message>
        <source>Quit Flowdeck</source>
        <translation>退出 Flowdeck</translation>
    </message>
    <message>
        <source>The sandbox database is still running. Stop it too?

Its data stays; Start in the status bar (or `flowdeck sandbox start`) runs it again.</source>
        <translation>沙盒数据库仍在运行。是否一并停止？

数据会保留；可以用状态栏中的“启动”（或 `flowdeck sandbox start`）再次启动。</translation>
    </message>
    <message>
        <source>Run from the &amp;Beginning…</source>
        <translation>从头运行(&amp;B)…</translation>
    </message>
    <message>
        <source>Run from the Beginning</source>
        <translation>从头运行</translation>
    </message>
    <message>
        <source>Run &quot;%1&quot; from the beginning of its source, ignoring where the last run stopped?

Rows the last run wrote are written again.</source>
        <translation>忽略上次运行停止的位置，从源的开头运行“%1”？

上次运行写入的行会再次写入。</translation>
    </message>
    <message>
        <source>Stop</source>
        <comment>toolbar: stop the current flow run</comment>
        <translation>停止</translation>
    </message>
    <message>
        <source>Import</source>
        <comment>toolbar: import a flow file</comment>
        <translation>导入</translation>
    </message>
    <message>
        <source>Reload</source>
        <comment>toolbar: reload the flows folder</comment>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>started %1, resuming at %2</source>
        <translation>%1 开始，从 %2 继续</translation>
    </message>
    <message>
        <source>Resumed at %1, where the previous run stopped (Run from the Beginning starts over).</source>
        <translation>已从上次运行停止的 %1 继续（“从头运行”可重新开始）。</translation>
    </message>
    <message>
        <source>%1: not run at its scheduled time, the sandbox database is not running (Start it in the status bar)</source>
        <translation>%1：沙盒数据库未运行，未在计划时间运行（可在状态栏中启动）</translation>
    </message>
    <message>
        <source>The embedded broker stops with Flowdeck: its topics and messages are lost.</source>
        <translation>内置 Broker 会随 Flowdeck 一起停止：其主题和消息将丢失。</translation>
    </message>
    <message>
        <source>Stopping the sandbox database this window started…</source>
        <translation>正在停止本窗口启动的沙盒数据库…</translation>
    </message>
</context>
<context>
    <name>flowdeck::MappingCsv</name>
    <message>
        <source>unbalanced quote at column %1</source>
        <translation>第 %1 列处的引号不配对</translation>
    </message>
    <message>
        <source>unexpected text after a closing quote at column %1</source>
        <translation>第 %1 列处的右引号后有多余文本</translation>
    </message>
    <message>
        <source>expected 2 fields (source,destination), found %1</source>
        <translation>应为 2 个字段（source,destination），实际为 %1 个</translation>
    </message>
    <message>
        <source>the source field is empty</source>
        <translation>源字段为空</translation>
    </message>
    <message>
        <source>the destination is empty</source>
        <translation>目标为空</translation>
    </message>
    <message>
        <source>the source has no field &apos;%1&apos;</source>
        <translation>源中没有字段“%1”</translation>
    </message>
    <message>
        <source>the destination has no column &apos;%1&apos;</source>
        <translation>目标中没有列“%1”</translation>
    </message>
    <message>
        <source>the column &apos;%1&apos; is already mapped on line %2</source>
        <translation>列“%1”已在第 %2 行映射</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>flowdeck::MappingEditor</name>
    <message>
        <source>&apos;%1&apos; matches the source fields %2: map it with Map fields.</source>
        <translation>“%1”与源字段 %2 匹配：请使用“映射字段”进行映射。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; matches the columns %2: map it with Map fields.</source>
        <translation>“%1”与列 %2 匹配：请使用“映射字段”进行映射。</translation>
    </message>
    <message>
        <source>Source field</source>
        <translation>源字段</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Destination column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Mapped from</source>
        <translation>映射自</translation>
    </message>
    <message>
        <source>The destination takes any column names. Map fields and Map all by name create a column named after each source field; double-click a destination in the table below to rename it.</source>
        <translation>目标可使用任意列名。“映射字段”和“按名称全部映射”会以各源字段的名称创建列；要重命名，请在下表中双击目标。</translation>
    </message>
    <message>
        <source>&amp;Map fields →</source>
        <translation>映射字段 →(&amp;M)</translation>
    </message>
    <message>
        <source>Map the selected source field to the selected destination column</source>
        <translation>将所选源字段映射到所选目标列</translation>
    </message>
    <message>
        <source>Map &amp;all by name</source>
        <translation>按名称全部映射(&amp;A)</translation>
    </message>
    <message>
        <source>Map every field whose name matches a column, ignoring case, spaces and underscores</source>
        <translation>映射名称与列匹配的所有字段（忽略大小写、空格和下划线）</translation>
    </message>
    <message>
        <source>&amp;Transform…</source>
        <translation>转换(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Validation…</source>
        <translation>验证(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import mapping from CSV…</source>
        <translation>从 CSV 导入映射(&amp;I)…</translation>
    </message>
    <message>
        <source>A text file with one source,destination pair per line</source>
        <translation>每行一个 source,destination 对的文本文件</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Select a row of the mapping first.</source>
        <translation>请先选择一行映射。</translation>
    </message>
    <message>
        <source>Mapped &apos;%1&apos; to &apos;%2&apos;.</source>
        <translation>已将“%1”映射到“%2”。</translation>
    </message>
    <message>
        <source>Fields mapped: %1.</source>
        <translation>已映射的字段：%1。</translation>
    </message>
    <message>
        <source>%1, required</source>
        <translation>%1，必填</translation>
    </message>
    <message>
        <source>Map at least one field.</source>
        <translation>请至少映射一个字段。</translation>
    </message>
    <message>
        <source>Required columns not mapped: %1. They are NOT NULL without a default.</source>
        <translation>必填列未映射：%1。这些列为 NOT NULL 且没有默认值。</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation>… 另有 %1 项。</translation>
    </message>
    <message>
        <source>The destination has no column &apos;%1&apos;.</source>
        <translation>目标中没有列“%1”。</translation>
    </message>
    <message>
        <source>Select one or more source fields on the left.</source>
        <translation>请在左侧选择一个或多个源字段。</translation>
    </message>
    <message>
        <source>Already mapped: %1</source>
        <translation>已映射：%1</translation>
    </message>
    <message>
        <source>Select one source field on the left and one destination column on the right, then click Map fields.</source>
        <translation>请在左侧选择一个源字段，在右侧选择一个目标列，然后单击“映射字段”。</translation>
    </message>
    <message>
        <source>Fields mapped by name: %1.</source>
        <translation>按名称映射的字段：%1。</translation>
    </message>
    <message>
        <source>Mappings imported from CSV: %1.</source>
        <translation>从 CSV 导入的映射：%1。</translation>
    </message>
    <message>
        <source>Import mapping from CSV</source>
        <translation>从 CSV 导入映射</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Validation of %1</source>
        <translation>%1 的验证</translation>
    </message>
    <message>
        <source>Transform of %1</source>
        <translation>%1 的转换</translation>
    </message>
    <message>
        <source>Required: NOT NULL without a default. Map a field to it.</source>
        <translation>必填：NOT NULL 且没有默认值。请为其映射一个字段。</translation>
    </message>
    <message>
        <source>Required columns not mapped: %1</source>
        <translation>必填列未映射：%1</translation>
    </message>
    <message>
        <source>No sample rows to preview.</source>
        <translation>没有可预览的示例行。</translation>
    </message>
    <message>
        <source>The first %1 rows of the source as the run writes them: %2 written, %3 filtered out, %4 rejected.</source>
        <translation>按运行时的写入方式处理源的前 %1 行：写入 %2，筛除 %3，拒绝 %4。</translation>
    </message>
    <message numerus="yes">
        <source>%n source line(s) cannot be read (see the source page).</source>
        <translation>
            <numerusform>源中有 %n 行无法读取（见源页面）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdeck::MappingPage</name>
    <message>
        <source>Field mapping</source>
        <translation>字段映射</translation>
    </message>
    <message>
        <source>Pick a source field on the left and a destination column on the right, then click Map fields; or map all fields by name. Check the preview of what the run writes.</source>
        <translation>在左侧选择源字段、在右侧选择目标列，然后单击“映射字段”；或按名称映射所有字段。请在预览中检查运行将写入的内容。</translation>
    </message>
    <message>
        <source>Map all fields &amp;directly (each field to the column of the same name)</source>
        <translation>直接映射所有字段（每个字段映射到同名列）(&amp;D)</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Some mappings do not fit the source or destination now; map them again or remove them:
%1</source>
        <translation>部分映射与当前的源或目标不匹配；请重新映射或删除：
%1</translation>
    </message>
    <message>
        <source>Mapping all fields directly leaves these required columns (NOT NULL without a default) empty: %1. Map fields to them instead.</source>
        <translation>直接映射所有字段会使以下必填列（NOT NULL 且无默认值）为空：%1。请改为向这些列映射字段。</translation>
    </message>
    <message>
        <source>Map at least one field, or check &quot;Map all fields directly&quot;.</source>
        <translation>请至少映射一个字段，或勾选“直接映射所有字段”。</translation>
    </message>
    <message>
        <source>Create the &amp;Table…</source>
        <translation>创建表(&amp;T)…</translation>
    </message>
    <message>
        <source>The destination table does not exist: see and run the CREATE TABLE statement made from this mapping and the preview</source>
        <translation>目标表不存在：查看并执行根据此映射和预览生成的 CREATE TABLE 语句</translation>
    </message>
    <message>
        <source>Created the table %1.</source>
        <translation>已创建表 %1。</translation>
    </message>
</context>
<context>
    <name>flowdeck::MappingPreviewModel</name>
    <message>
        <source>Filters not applied: %1</source>
        <translation>未应用筛选器：%1</translation>
    </message>
    <message>
        <source>written</source>
        <translation>已写入</translation>
    </message>
    <message>
        <source>filtered out</source>
        <translation>已筛除</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>column %1 is NOT NULL without a default: map a field to it</source>
        <translation>列 %1 为 NOT NULL 且没有默认值：请为它映射一个字段</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <comment>preview: the database stores the column&apos;s DEFAULT</comment>
        <translation>%1（默认值）</translation>
    </message>
    <message>
        <source>The database stores %1, evaluated when the row is written.</source>
        <translation>数据库保存写入该行时求值的 %1。</translation>
    </message>
    <message>
        <source>The database stores the column&apos;s default, %1.</source>
        <translation>数据库保存该列的默认值 %1。</translation>
    </message>
    <message>
        <source>Not mapped: the database fills this column in</source>
        <translation>未映射：此列由数据库填充</translation>
    </message>
    <message>
        <source>%1 (not mapped)</source>
        <translation>%1（未映射）</translation>
    </message>
</context>
<context>
    <name>flowdeck::MonitorWindow</name>
    <message>
        <source>Not running</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>Reading the snapshot</source>
        <translation>正在读取快照</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Streaming changes</source>
        <translation>正在流式传输变更</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Monitor — %1</source>
        <translation>监控 — %1</translation>
    </message>
    <message>
        <source>Messages/s per topic</source>
        <translation>每个主题的消息数/秒</translation>
    </message>
    <message>
        <source>Rows/s per destination table</source>
        <translation>每个目标表的行数/秒</translation>
    </message>
    <message>
        <source>rows/s</source>
        <translation>行/秒</translation>
    </message>
    <message>
        <source>Destinations (rows in destination: counted on the server every 2 s)</source>
        <translation>目标（目标中的行数：每 2 秒在服务器上统计一次）</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stops after the batch being written; Start resumes from the checkpoint.</source>
        <translation>写完当前批次后停止；“开始”从检查点继续。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Snapshot %p%</source>
        <translation>快照 %p%</translation>
    </message>
    <message>
        <source>Rows/s per table</source>
        <translation>每个表的行数/秒</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>消息/秒</translation>
    </message>
    <message>
        <source>Source lag</source>
        <translation>源延迟</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Source tables</source>
        <translation>源表</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Select an error to see the record.</source>
        <translation>选择一个错误以查看其记录。</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>运行历史记录</translation>
    </message>
    <message>
        <source>seconds behind</source>
        <translation>延迟（秒）</translation>
    </message>
    <message>
        <source>messages behind</source>
        <translation>延迟（消息数）</translation>
    </message>
    <message>
        <source>Errors (%1)</source>
        <translation>错误（%1）</translation>
    </message>
    <message>
        <source>Lag: %1 s</source>
        <translation>延迟：%1 秒</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) behind</source>
        <translation>
            <numerusform>落后 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>Lag: after the snapshot</source>
        <translation>延迟：快照完成后</translation>
    </message>
    <message>
        <source>Lag: unknown</source>
        <translation>延迟：未知</translation>
    </message>
    <message>
        <source>Snapshot done</source>
        <translation>快照已完成</translation>
    </message>
    <message>
        <source>ETA %1 s</source>
        <translation>预计剩余 %1 秒</translation>
    </message>
    <message>
        <source>ETA unknown</source>
        <translation>剩余时间未知</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Stalled: the source has data but nothing was written for %1 s. The destination may be locked, unreachable or refusing batches; see the Errors tab.</source>
        <translation>已停滞：源中有数据，但 %1 秒内没有写入任何内容。目标可能被锁定、无法访问或拒绝了批次；请查看“错误”选项卡。</translation>
    </message>
    <message>
        <source>Read %1 = written %2 + filtered %3 + dead-lettered %4</source>
        <translation>读取 %1 = 写入 %2 + 筛除 %3 + 死信 %4</translation>
    </message>
    <message>
        <source> + failed %1</source>
        <translation> + 失败 %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Position: %1
Stage: %2
Reason: %3

%4</source>
        <translation>位置：%1
阶段：%2
原因：%3

%4</translation>
    </message>
    <message>
        <source>The flow file has problems: %1</source>
        <translation>流程文件有问题：%1</translation>
    </message>
</context>
<context>
    <name>flowdeck::MySqlConnectionForm</name>
    <message>
        <source>1 to 65535, or an environment reference such as ${DB_PORT:-4000}</source>
        <translation>1 到 65535，或 ${DB_PORT:-4000} 这样的环境变量引用</translation>
    </message>
    <message>
        <source>Preferred (when the server offers it)</source>
        <translation>首选（服务器支持时）</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>禁用</translation>
    </message>
    <message>
        <source>Required (certificate not checked)</source>
        <translation>必需（不校验证书）</translation>
    </message>
    <message>
        <source>Verify (certificate and host name checked)</source>
        <translation>校验（校验证书和主机名）</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Use the &amp;Sandbox Database</source>
        <translation>使用沙盒数据库(&amp;S)</translation>
    </message>
    <message>
        <source>A private MariaDB server in your data folder, started on demand (flowdeck sandbox start).</source>
        <translation>位于数据文件夹中的私有 MariaDB 服务器，按需启动（flowdeck sandbox start）。</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)</translation>
    </message>
    <message>
        <source>T&amp;LS:</source>
        <translation>TLS(&amp;L)</translation>
    </message>
    <message>
        <source>unchanged (%1)</source>
        <translation>未更改（%1）</translation>
    </message>
    <message>
        <source>The password is kept in the system keychain as %1, never in the flow file.</source>
        <translation>密码以 %1 的名称保存在系统钥匙串中，绝不写入流文件。</translation>
    </message>
    <message>
        <source>No keychain is available (%1): the password is not saved. The flow refers to it as ${%2}; set that environment variable before running the flow.</source>
        <translation>没有可用的钥匙串（%1）：密码不会被保存。流以 ${%2} 引用该密码；请在运行流之前设置此环境变量。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Starting the sandbox database (the first start takes a few seconds)…</source>
        <translation>正在启动沙盒数据库（首次启动需要几秒钟）…</translation>
    </message>
</context>
<context>
    <name>flowdeck::MySqlPage</name>
    <message>
        <source>Source: MySQL, MariaDB or TiDB</source>
        <translation>源：MySQL、MariaDB 或 TiDB</translation>
    </message>
    <message>
        <source>Destination: MySQL, MariaDB or TiDB</source>
        <translation>目标：MySQL、MariaDB 或 TiDB</translation>
    </message>
    <message>
        <source>Connect, then pick the table to read.</source>
        <translation>连接后选择要读取的表。</translation>
    </message>
    <message>
        <source>Connect, then pick the table to write and how to write it.</source>
        <translation>连接后选择要写入的表及写入方式。</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Rows (estimate)</source>
        <translation>行数（估计）</translation>
    </message>
    <message>
        <source>a table, or patterns such as tpcc.* (comma-separated)</source>
        <translation>一个表，或 tpcc.* 这样的模式（以逗号分隔）</translation>
    </message>
    <message>
        <source>a table, or a template such as {schema}_{table}</source>
        <translation>一个表，或 {schema}_{table} 这样的模板</translation>
    </message>
    <message>
        <source>T&amp;able:</source>
        <translation>表(&amp;A)</translation>
    </message>
    <message>
        <source>Snapshot: the current rows, once</source>
        <translation>快照：读取一次当前的行</translation>
    </message>
    <message>
        <source>CDC: the changes from the binary log, from now on</source>
        <translation>CDC：从现在起读取二进制日志中的变更</translation>
    </message>
    <message>
        <source>Snapshot, then the changes since (CDC)</source>
        <translation>先快照，再读取此后的变更（CDC）</translation>
    </message>
    <message>
        <source>&amp;Read:</source>
        <translation>读取(&amp;R)</translation>
    </message>
    <message>
        <source>Insert: add rows; a key conflict rejects the record</source>
        <translation>插入（Insert）：添加行；键冲突时拒绝该记录</translation>
    </message>
    <message>
        <source>Update: change rows found by key, never insert</source>
        <translation>更新（Update）：修改按键找到的行，从不插入</translation>
    </message>
    <message>
        <source>Upsert: insert, or update by key</source>
        <translation>Upsert：插入，或按键更新</translation>
    </message>
    <message>
        <source>Replicate: apply change events (deletes too)</source>
        <translation>复制（Replicate）：应用变更事件（包括删除）</translation>
    </message>
    <message>
        <source>the table&apos;s primary key</source>
        <translation>表的主键</translation>
    </message>
    <message>
        <source>&amp;Create the table when it does not exist</source>
        <translation>表不存在时创建表(&amp;C)</translation>
    </message>
    <message>
        <source>A&amp;dd columns the table lacks</source>
        <translation>添加表中缺少的列(&amp;D)</translation>
    </message>
    <message>
        <source>optional: only a newer version overwrites a row</source>
        <translation>可选：只有较新的版本才会覆盖行</translation>
    </message>
    <message>
        <source>Writing</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Key columns:</source>
        <translation>键列(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Version column:</source>
        <translation>版本列(&amp;V)</translation>
    </message>
    <message>
        <source>Rows per &amp;batch:</source>
        <translation>每批行数(&amp;B)</translation>
    </message>
    <message>
        <source>Table patterns: the fields are known when the flow runs.</source>
        <translation>表模式：字段在流运行时确定。</translation>
    </message>
    <message>
        <source>A table template: each source table gets its own table.</source>
        <translation>表模板：每个源表对应各自的表。</translation>
    </message>
    <message>
        <source>Reading the table&apos;s columns…</source>
        <translation>正在读取表的列…</translation>
    </message>
    <message>
        <source>Required columns: %1.</source>
        <translation>必填列：%1。</translation>
    </message>
    <message>
        <source>The table does not exist yet: Flowdeck creates it from the first batch.</source>
        <translation>该表尚不存在：Flowdeck 将根据第一批数据创建它。</translation>
    </message>
    <message>
        <source>Pick an existing table, or tick &quot;Create the table&quot;.</source>
        <translation>请选择现有的表，或勾选“表不存在时创建表”。</translation>
    </message>
    <message>
        <source>Update never inserts rows: creating the table makes no sense with it.</source>
        <translation>更新模式从不插入行：因此创建表没有意义。</translation>
    </message>
    <message>
        <source>Refres&amp;h Tables</source>
        <translation>刷新表(&amp;H)</translation>
    </message>
</context>
<context>
    <name>flowdeck::NameCountModel</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>flowdeck::RateChart</name>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
</context>
<context>
    <name>flowdeck::ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Check the flow. It is saved as the flow file below, which `flowdeck run` runs too.</source>
        <translation>请检查流。它将保存为下面的流文件，也可以用 `flowdeck run` 运行。</translation>
    </message>
    <message>
        <source>File %1</source>
        <translation>文件 %1</translation>
    </message>
    <message>
        <source>format %1</source>
        <translation>格式 %1</translation>
    </message>
    <message>
        <source>MySQL %1:%2 as %3, database %4</source>
        <translation>MySQL %1:%2（用户 %3，数据库 %4）</translation>
    </message>
    <message>
        <source>password from %1</source>
        <translation>密码来自 %1</translation>
    </message>
    <message>
        <source>table %1</source>
        <translation>表 %1</translation>
    </message>
    <message>
        <source>read: %1</source>
        <translation>读取：%1</translation>
    </message>
    <message>
        <source>write mode: %1</source>
        <translation>写入模式：%1</translation>
    </message>
    <message>
        <source>key: %1</source>
        <translation>键：%1</translation>
    </message>
    <message>
        <source>creates the table when missing</source>
        <translation>表不存在时创建</translation>
    </message>
    <message>
        <source>adds missing columns</source>
        <translation>添加缺少的列</translation>
    </message>
    <message>
        <source>version column: %1</source>
        <translation>版本列：%1</translation>
    </message>
    <message>
        <source>Kafka %1</source>
        <translation>Kafka %1</translation>
    </message>
    <message>
        <source>topic %1</source>
        <translation>主题 %1</translation>
    </message>
    <message>
        <source>protocol %1</source>
        <translation>协议 %1</translation>
    </message>
    <message>
        <source>partition by %1</source>
        <translation>分区依据 %1</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>every field to the column of the same name</source>
        <translation>每个字段映射到同名列</translation>
    </message>
    <message>
        <source>(transform)</source>
        <translation>（转换）</translation>
    </message>
    <message>
        <source>Mapping</source>
        <translation>映射</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选器</translation>
    </message>
    <message>
        <source>none: every record is kept</source>
        <translation>无：保留所有记录</translation>
    </message>
    <message>
        <source>Run on demand</source>
        <translation>按需运行</translation>
    </message>
    <message>
        <source>Run continuously</source>
        <translation>持续运行</translation>
    </message>
    <message>
        <source>Run on a schedule</source>
        <translation>按计划运行</translation>
    </message>
    <message>
        <source>, every %1</source>
        <translation>，每隔 %1</translation>
    </message>
    <message>
        <source>, daily at %1</source>
        <translation>，每天 %1</translation>
    </message>
    <message>
        <source>, incremental on %1</source>
        <translation>，按 %1 增量传输</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>触发器</translation>
    </message>
    <message>
        <source>Error handling</source>
        <translation>错误处理</translation>
    </message>
    <message>
        <source>Skip bad records to %1</source>
        <translation>将错误记录跳过并转存到 %1</translation>
    </message>
    <message>
        <source>Stop the current flow run</source>
        <translation>停止当前流运行</translation>
    </message>
    <message>
        <source>Go back and fix:
%1</source>
        <translation>请返回并修正：
%1</translation>
    </message>
    <message>
        <source>The flow is valid, but this version of Flowdeck cannot write to file destinations yet.</source>
        <translation>该流有效，但此版本的 Flowdeck 尚不能写入文件目标。</translation>
    </message>
    <message>
        <source>insert (add rows)</source>
        <translation>insert（添加行）</translation>
    </message>
    <message>
        <source>update (change rows found by key)</source>
        <translation>update（修改按键找到的行）</translation>
    </message>
    <message>
        <source>upsert (insert, or update by key)</source>
        <translation>upsert（插入，或按键更新）</translation>
    </message>
    <message>
        <source>replicate (apply change events)</source>
        <translation>replicate（应用变更事件）</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 和 %2 之间</translation>
    </message>
</context>
<context>
    <name>flowdeck::RunHistoryModel</name>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation>筛除</translation>
    </message>
    <message>
        <source>Dead-lettered</source>
        <translation>死信</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>flowdeck::RunHistoryView</name>
    <message>
        <source>Select a run to see its details.</source>
        <translation>选择一次运行以查看其详细信息。</translation>
    </message>
    <message>
        <source>No run recorded yet.</source>
        <translation>尚无运行记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), newest first.</source>
        <translation>
            <numerusform>%n 次运行，最新的在前。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1: %2 (%3)</source>
        <translation>运行 %1：%2（%3）</translation>
    </message>
    <message>
        <source>Started %1, ended %2, %3 s</source>
        <translation>开始 %1，结束 %2，%3 秒</translation>
    </message>
    <message>
        <source>Read %1 = written %2 + filtered %3 + dead-lettered %4</source>
        <translation>读取 %1 = 写入 %2 + 过滤 %3 + 死信 %4</translation>
    </message>
    <message>
        <source> + failed %1</source>
        <translation> + 失败 %1</translation>
    </message>
    <message>
        <source>Resumed where the previous run stopped.</source>
        <translation>从上次运行停止的位置继续。</translation>
    </message>
    <message>
        <source>Error at %1: %2</source>
        <translation>%1 处出错：%2</translation>
    </message>
    <message>
        <source>Dead letters: %1</source>
        <translation>死信：%1</translation>
    </message>
    <message>
        <source>Read from %1: %2</source>
        <translation>从 %1 读取：%2</translation>
    </message>
    <message>
        <source>Written to %1: %2</source>
        <translation>写入 %1：%2</translation>
    </message>
    <message>
        <source>Watermark: %1 → %2</source>
        <translation>水位线：%1 → %2</translation>
    </message>
    <message>
        <source>The schedule is deactivated after %1 failed runs in a row.</source>
        <translation>连续失败 %1 次后，计划已停用。</translation>
    </message>
</context>
<context>
    <name>flowdeck::SandboxStatus</name>
    <message>
        <source>The local MariaDB of `flowdeck sandbox`: its data stays in %1</source>
        <translation>`flowdeck sandbox` 的本地 MariaDB：数据保存在 %1</translation>
    </message>
    <message>
        <source>Sandbox database: running on %1:%2</source>
        <translation>沙盒数据库：在 %1:%2 上运行</translation>
    </message>
    <message>
        <source>Sandbox database: not running</source>
        <translation>沙盒数据库：未运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Sandbox database: starting…</source>
        <translation>沙盒数据库：正在启动…</translation>
    </message>
    <message>
        <source>Sandbox database: stopping…</source>
        <translation>沙盒数据库：正在停止…</translation>
    </message>
    <message>
        <source>Sandbox database: %1</source>
        <translation>沙盒数据库：%1</translation>
    </message>
</context>
<context>
    <name>flowdeck::SchedulerDriver</name>
    <message>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>now</source>
        <translation>立即</translation>
    </message>
    <message>
        <source>Schedule: %1.</source>
        <translation>计划：%1。</translation>
    </message>
    <message>
        <source>Next run: %1.</source>
        <translation>下次运行：%1。</translation>
    </message>
    <message>
        <source>Deactivated on %1 after %2 failed runs in a row (last error: %3). Fix the cause, then reactivate it (Flow → Reactivate Schedule).</source>
        <translation>%1 因连续 %2 次运行失败而停用（最后的错误：%3）。请排除原因后重新启用（流 → 重新启用计划）。</translation>
    </message>
    <message numerus="yes">
        <source>%n failed run(s) in a row.</source>
        <translation>
            <numerusform>连续 %n 次运行失败。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>flowdeck::StepDialog</name>
    <message>
        <source>The field&apos;s value as it is.</source>
        <translation>按原样使用字段的值。</translation>
    </message>
    <message>
        <source>The text of the fields joined with the separator; NULL parts are skipped.</source>
        <translation>用分隔符连接各字段的文本；跳过 NULL 部分。</translation>
    </message>
    <message>
        <source>Replaces the middle characters, keeping the first and last ones.</source>
        <translation>替换中间的字符，保留开头和结尾的字符。</translation>
    </message>
    <message>
        <source>Keeps the first characters.</source>
        <translation>保留开头的字符。</translation>
    </message>
    <message>
        <source>Upper case.</source>
        <translation>转换为大写。</translation>
    </message>
    <message>
        <source>Lower case.</source>
        <translation>转换为小写。</translation>
    </message>
    <message>
        <source>Removes leading and trailing spaces.</source>
        <translation>删除开头和结尾的空格。</translation>
    </message>
    <message>
        <source>Always this value.</source>
        <translation>始终使用此值。</translation>
    </message>
    <message>
        <source>This value when the input is NULL.</source>
        <translation>输入为 NULL 时使用此值。</translation>
    </message>
    <message>
        <source>Converts the value; a value that does not convert fails the record.</source>
        <translation>转换值；无法转换的值会使该记录失败。</translation>
    </message>
    <message>
        <source>Replaces every match of a regular expression (\1..\9 for groups).</source>
        <translation>替换正则表达式的所有匹配项（分组用 \1..\9）。</translation>
    </message>
    <message>
        <source>Fails the record when the value is NULL.</source>
        <translation>值为 NULL 时使记录失败。</translation>
    </message>
    <message>
        <source>Fails the record when the value is NULL, empty or only spaces.</source>
        <translation>值为 NULL、空或仅含空格时使记录失败。</translation>
    </message>
    <message>
        <source>Fails the record unless the value is a number between min and max (inclusive).</source>
        <translation>值不是介于最小值和最大值之间（含）的数字时使记录失败。</translation>
    </message>
    <message>
        <source>Fails the record unless the value matches (anchor with ^...$ for the whole value).</source>
        <translation>值不匹配时使记录失败（要匹配整个值，请用 ^...$ 锚定）。</translation>
    </message>
    <message>
        <source>Source field:</source>
        <translation>源字段</translation>
    </message>
    <message>
        <source>Fields:</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>Mask character:</source>
        <translation>掩码字符</translation>
    </message>
    <message>
        <source>Keep first:</source>
        <translation>保留开头字符数</translation>
    </message>
    <message>
        <source>Keep last:</source>
        <translation>保留结尾字符数</translation>
    </message>
    <message>
        <source>Length:</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Pattern:</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Replace with:</source>
        <translation>替换为</translation>
    </message>
    <message>
        <source>Minimum:</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Maximum:</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Transform</source>
        <translation>转换</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>&amp;Add step</source>
        <translation>添加步骤(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove step</source>
        <translation>移除步骤(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation>操作(&amp;O)</translation>
    </message>
    <message>
        <source>No transform: the value is written as it is. Click Add step to change it.</source>
        <translation>无转换：值按原样写入。要更改，请单击“添加步骤”。</translation>
    </message>
    <message>
        <source>No validation: every value is accepted. Click Add step to check values.</source>
        <translation>无验证：接受所有值。要检查值，请单击“添加步骤”。</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>the entry&apos;s source</source>
        <translation>条目的源</translation>
    </message>
    <message>
        <source>field, field, …</source>
        <translation>字段, 字段, …</translation>
    </message>
    <message>
        <source>&quot;%1&quot; in the flow file</source>
        <translation>流文件中为“%1”</translation>
    </message>
</context>
<context>
    <name>flowdeck::TableMetricsModel</name>
    <message>
        <source>Estimate from information_schema (the table is large); not an exact count</source>
        <translation>来自 information_schema 的估计值（表很大）；不是精确计数</translation>
    </message>
    <message>
        <source>SELECT COUNT(*) on the destination</source>
        <translation>在目标上执行的 SELECT COUNT(*)</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Filtered</source>
        <translation>筛除</translation>
    </message>
    <message>
        <source>Dead-lettered</source>
        <translation>死信</translation>
    </message>
    <message>
        <source>Rows/s</source>
        <translation>行/秒</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Rows in destination</source>
        <translation>目标中的行数</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>flowdeck::TopicBrowser</name>
    <message>
        <source>Topic Browser</source>
        <translation>主题浏览器</translation>
    </message>
    <message>
        <source>Embedded broker</source>
        <translation>内置 Broker</translation>
    </message>
    <message>
        <source>The embedded broker, or a bootstrap list such as host1:9092,host2:9092</source>
        <translation>内置 Broker，或引导列表，例如 host1:9092,host2:9092</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>List the broker&apos;s topics</source>
        <translation>列出 Broker 的主题</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>新消息</translation>
    </message>
    <message>
        <source>From the beginning</source>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>From offset</source>
        <translation>从偏移量开始</translation>
    </message>
    <message>
        <source>From time</source>
        <translation>从时间开始</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the shown messages as JSON Lines</source>
        <translation>将显示的消息保存为 JSON Lines</translation>
    </message>
    <message>
        <source>Broker:</source>
        <translation>Broker</translation>
    </message>
    <message>
        <source>Topic:</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>起始位置</translation>
    </message>
    <message>
        <source>Search key, headers and value</source>
        <translation>搜索键、标头和值</translation>
    </message>
    <message>
        <source>Select a message to see its value.</source>
        <translation>选择一条消息以查看其值。</translation>
    </message>
    <message>
        <source>Topic Browser — %1</source>
        <translation>主题浏览器 — %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;Partition %1, offset %2 · key &lt;code&gt;%3&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;分区 %1，偏移量 %2 · 键 &lt;code&gt;%3&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Tombstone (no value)&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;墓碑消息（无值）&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 shown, %2 received</source>
        <translation>显示 %1 条，已接收 %2 条</translation>
    </message>
    <message>
        <source> (the table keeps the newest %1)</source>
        <translation>（表中仅保留最新的 %1 条）</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · 已暂停</translation>
    </message>
    <message>
        <source> · at the end, waiting for new messages</source>
        <translation> · 已到末尾，正在等待新消息</translation>
    </message>
    <message>
        <source> · error: %1</source>
        <translation> · 错误：%1</translation>
    </message>
    <message>
        <source>Export Messages</source>
        <translation>导出消息</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 条消息写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Start the Embedded Broker</source>
        <translation>启动内置 Broker</translation>
    </message>
    <message>
        <source>Runs a Kafka broker inside Flowdeck (messages in memory only), as flows with &quot;embedded&quot; brokers use</source>
        <translation>在 Flowdeck 内运行一个 Kafka Broker（消息仅在内存中），即 brokers 为 &quot;embedded&quot; 的流所用的 Broker</translation>
    </message>
    <message>
        <source>The embedded broker is not running.</source>
        <translation>内置 Broker 未运行。</translation>
    </message>
    <message>
        <source>Start the embedded one, or enter a bootstrap list such as host:9092.</source>
        <translation>请启动内置 Broker，或输入 host:9092 这样的引导服务器列表。</translation>
    </message>
    <message>
        <source>No broker is given.</source>
        <translation>未指定 Broker。</translation>
    </message>
    <message>
        <source>No broker answers at %1 (%2).</source>
        <translation>%1 上没有 Broker 响应（%2）。</translation>
    </message>
</context>
<context>
    <name>flowdeck::TopicMessageModel</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(tombstone)</source>
        <translation>（墓碑消息）</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>偏移量</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>标头</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>flowdeck::TriggerPage</name>
    <message>
        <source>Trigger and error handling</source>
        <translation>触发器和错误处理</translation>
    </message>
    <message>
        <source>When does the flow run, and what happens to a record that cannot be written?</source>
        <translation>流何时运行？无法写入的记录如何处理？</translation>
    </message>
    <message>
        <source>Flow trigger</source>
        <translation>流触发器</translation>
    </message>
    <message>
        <source>Run on &amp;demand: when you start it, to the end of the source</source>
        <translation>按需运行：启动时运行到源的末尾(&amp;D)</translation>
    </message>
    <message>
        <source>Run on a &amp;schedule</source>
        <translation>按计划运行(&amp;S)</translation>
    </message>
    <message>
        <source>Run &amp;continuously: follow the source (binary log, topics) until stopped</source>
        <translation>持续运行：持续跟踪源（二进制日志、主题）直至停止(&amp;C)</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>每隔</translation>
    </message>
    <message>
        <source>Daily at</source>
        <translation>每天的时间</translation>
    </message>
    <message>
        <source>30s, 15m, 1h, 1d — or 02:30</source>
        <translation>30s、15m、1h、1d — 或 02:30</translation>
    </message>
    <message>
        <source>R&amp;un:</source>
        <translation>运行(&amp;U)</translation>
    </message>
    <message>
        <source>optional: 2024-01-31 or 2024-01-31T00:00:00Z</source>
        <translation>可选：2024-01-31 或 2024-01-31T00:00:00Z</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不停用</translation>
    </message>
    <message>
        <source>&amp;Incremental field:</source>
        <translation>增量字段(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Tie breaker:</source>
        <translation>同值排序字段(&amp;T)</translation>
    </message>
    <message>
        <source>Start &amp;from:</source>
        <translation>起始时间(&amp;F)</translation>
    </message>
    <message>
        <source>Deactivate after failed runs:</source>
        <translation>失败多少次后停用</translation>
    </message>
    <message>
        <source>Error handling</source>
        <translation>错误处理</translation>
    </message>
    <message>
        <source>S&amp;top the current flow run at the bad record and report it</source>
        <translation>遇到错误记录时停止当前流运行并报告(&amp;T)</translation>
    </message>
    <message>
        <source>S&amp;kip the record to a dead-letter file or topic and go on</source>
        <translation>将记录转存到死信文件或主题并继续(&amp;K)</translation>
    </message>
    <message>
        <source>JSON Lines file</source>
        <translation>JSON Lines 文件</translation>
    </message>
    <message>
        <source>Kafka topic</source>
        <translation>Kafka 主题</translation>
    </message>
    <message>
        <source>the flow&apos;s own brokers</source>
        <translation>流自身的 Broker</translation>
    </message>
    <message>
        <source>Dead &amp;letters:</source>
        <translation>死信(&amp;L)</translation>
    </message>
    <message>
        <source>Brokers:</source>
        <translation>Broker</translation>
    </message>
    <message>
        <source>rejected.jsonl</source>
        <translation>rejected.jsonl</translation>
    </message>
    <message>
        <source>flow-dead-letters</source>
        <translation>flow-dead-letters</translation>
    </message>
    <message>
        <source>An interval is a whole number and a unit: 30s, 15m, 1h or 1d.</source>
        <translation>间隔由整数和单位组成：30s、15m、1h 或 1d。</translation>
    </message>
    <message>
        <source>A daily time is HH:MM, from 00:00 to 23:59.</source>
        <translation>每天的时间格式为 HH:MM，范围为 00:00 到 23:59。</translation>
    </message>
    <message>
        <source>Name the dead-letter file.</source>
        <translation>请指定死信文件的名称。</translation>
    </message>
    <message>
        <source>Name the dead-letter topic.</source>
        <translation>请指定死信主题的名称。</translation>
    </message>
    <message>
        <source>The incremental field %1 is not a field of the source.</source>
        <translation>增量字段 %1 不是源中的字段。</translation>
    </message>
    <message>
        <source>The incremental field %1 is %2: pick a date/time or integer column, whose values grow.</source>
        <translation>增量字段 %1 的类型是 %2：请选择值会递增的日期/时间或整数列。</translation>
    </message>
</context>
<context>
    <name>flowdeck::WizardSteps</name>
    <message>
        <source>Flow details</source>
        <translation>流程详情</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Field mapping</source>
        <translation>字段映射</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选器</translation>
    </message>
    <message>
        <source>Trigger and errors</source>
        <translation>触发器和错误</translation>
    </message>
    <message>
        <source>Review and create</source>
        <translation>检查并创建</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>Step %1 ✓</source>
        <translation>第 %1 步 ✓</translation>
    </message>
</context>
</TS>
