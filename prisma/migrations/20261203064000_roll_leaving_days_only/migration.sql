-- quire_roll_view_windows read every day from as_of - 90 to today - 7 (83 days, 5.1 M rows
-- on the large site: 7.5 s for a one-day roll), where only the days that leave a window
-- count: as_of - N + 1 .. today - N for N = 7, 30, 90 (three days for a one-day roll), each
-- found through post_view_days(day).
CREATE OR REPLACE FUNCTION quire_roll_view_windows(p_today date) RETURNS date LANGUAGE plpgsql AS $$
DECLARE
  w date;
BEGIN
  SELECT s.as_of INTO w FROM view_window_state s FOR UPDATE;
  IF w >= p_today THEN
    RETURN w;
  END IF;
  UPDATE post_view_windows pw
     SET views_7 = pw.views_7 - l.d7, views_30 = pw.views_30 - l.d30, views_90 = pw.views_90 - l.d90
    FROM (SELECT post_id,
                 coalesce(sum(views) FILTER (WHERE day > w - 7 AND day <= p_today - 7), 0) AS d7,
                 coalesce(sum(views) FILTER (WHERE day > w - 30 AND day <= p_today - 30), 0) AS d30,
                 coalesce(sum(views) FILTER (WHERE day > w - 90 AND day <= p_today - 90), 0) AS d90
            FROM post_view_days
           WHERE (day > w - 7 AND day <= p_today - 7)
              OR (day > w - 30 AND day <= p_today - 30)
              OR (day > w - 90 AND day <= p_today - 90)
           GROUP BY post_id) l
   WHERE pw.post_id = l.post_id AND (l.d7 <> 0 OR l.d30 <> 0 OR l.d90 <> 0);
  UPDATE view_window_state SET as_of = p_today;
  RETURN p_today;
END
$$;
