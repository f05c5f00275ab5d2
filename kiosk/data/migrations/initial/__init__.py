"""The tables of the first schema (revision 0001), area by area, in an order that creates
every table after the tables it points at."""
