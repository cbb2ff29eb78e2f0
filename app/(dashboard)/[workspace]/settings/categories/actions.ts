"use server";
import { serverAction } from "@/lib/handlers/server-action";
import { createCategory, retireCategory, unretireCategory, updateCategory } from "@/lib/categories/actions";

export const createCategoryAction = serverAction(createCategory);
export const updateCategoryAction = serverAction(updateCategory);
export const retireCategoryAction = serverAction(retireCategory);
export const unretireCategoryAction = serverAction(unretireCategory);
