-- A sqlite3 workload for `ukp run` (issue #5): its output must be the same
-- natively and under ukp.
create table t(a integer primary key, b text, c real);
begin;
with recursive n(x) as (select 1 union all select x + 1 from n where x < 100000)
insert into t(b, c) select 'row' || x, x * 0.5 from n;
commit;
create index tb on t(b);
create index tc on t(c);
select count(*), sum(a), sum(c) from t where b like 'row1%';
select b from t where c between 100 and 101 order by a;
update t set b = b || 'x' where a % 3 = 0;
delete from t where a % 7 = 0;
select count(*), count(distinct b), max(a) from t;
select b from t where b like '%x' order by a desc limit 3;
pragma journal_mode = wal;
insert into t(b, c) values ('after-wal', 1);
select count(*) from t;
pragma integrity_check;
