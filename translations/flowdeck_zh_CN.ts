<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Stop the Current Flow Run</source>
        <translation>停止当前流运行</translation>
    </message>
    <message>
        <source>Reload Flows</source>
        <translation>重新加载流</translation>
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
</context>
</TS>
